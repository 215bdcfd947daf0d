package cn.keywork.supervision.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the before → after of a change from two snapshots of fields, keeping only what changed
 * and masking personal data (phones, e-mail) so that the trail itself holds none.
 */
public final class AuditChanges {

    /** Field names whose values are personal data. */
    public static final Set<String> PERSONAL = Set.of("mobile", "email", "officePhone", "idNumber");

    public record Change(Object before, Object after) {
    }

    private AuditChanges() {
    }

    public static Map<String, Change> between(Map<String, ?> before, Map<String, ?> after) {
        Map<String, Change> changes = new LinkedHashMap<>();
        for (String field : union(before, after)) {
            Object old = before.get(field);
            Object now = after.get(field);
            if (!Objects.equals(old, now)) {
                changes.put(field, new Change(mask(field, old), mask(field, now)));
            }
        }
        return changes;
    }

    public static Map<String, Change> created(Map<String, ?> after) {
        return between(Map.of(), after);
    }

    public static Map<String, Change> removed(Map<String, ?> before) {
        return between(before, Map.of());
    }

    /** A personal value kept only as a hint: {@code 138****0001}, {@code w***@example.gov.cn}. */
    static Object mask(String field, Object value) {
        if (value instanceof Map<?, ?> nested) {
            Map<String, Object> masked = new LinkedHashMap<>();
            nested.forEach((key, inner) -> masked.put(String.valueOf(key), mask(String.valueOf(key), inner)));
            return masked;
        }
        if (value instanceof java.util.Collection<?> items) {
            return items.stream().map(item -> mask(field, item)).toList();
        }
        if (value == null || !PERSONAL.contains(field)) {
            return value;
        }
        String text = value.toString();
        int at = text.indexOf('@');
        if (at > 0) {
            return text.charAt(0) + "***" + text.substring(at);
        }
        if (text.length() > 7) {
            return text.substring(0, 3) + "****" + text.substring(text.length() - 4);
        }
        return "****";
    }

    private static Set<String> union(Map<String, ?> a, Map<String, ?> b) {
        Set<String> fields = new java.util.LinkedHashSet<>(a.keySet());
        fields.addAll(b.keySet());
        return fields;
    }
}
