package cn.keywork.supervision.unit.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A unit's supervision contact as read, with its liaisons in their listed order. */
public record ContactView(UUID unitId, String supervisionBody, List<ListedLiaison> liaisons, long version,
        Instant updatedAt) {

    /** The same contact with phones and e-mail left out, for those who may not see personal data. */
    public ContactView withoutPersonalData() {
        return new ContactView(unitId, supervisionBody, liaisons.stream()
                .map(listed -> new ListedLiaison(listed.id(), new LiaisonDetails(listed.details().name(),
                        listed.details().position(), null, null, null, listed.details().primary())))
                .toList(), version, updatedAt);
    }

    /** The fields an audit event compares. */
    public Map<String, Object> auditSnapshot() {
        return snapshot(supervisionBody, liaisons.stream().map(ListedLiaison::details).toList());
    }

    public static Map<String, Object> snapshot(String supervisionBody, List<LiaisonDetails> liaisons) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("supervisionBody", supervisionBody);
        snapshot.put("liaisons", liaisons.stream().map(liaison -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("name", liaison.name());
            fields.put("position", liaison.position());
            fields.put("officePhone", liaison.officePhone());
            fields.put("mobile", liaison.mobile());
            fields.put("email", liaison.email());
            fields.put("primary", liaison.primary());
            return fields;
        }).toList());
        return snapshot;
    }

    /** A liaison as listed: its id and particulars. */
    public record ListedLiaison(UUID id, LiaisonDetails details) {
    }
}
