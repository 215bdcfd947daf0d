package cn.keywork.supervision.audit;

import java.util.Map;

/**
 * One thing to keep in the audit trail: what happened to which object, and with what result.
 * {@code changes} maps each changed field to its value before and after, personal data already
 * masked by {@link AuditChanges}.
 */
public record AuditEntry(String action, String objectType, String objectId, Outcome outcome,
        Map<String, AuditChanges.Change> changes, String detail) {

    public enum Outcome {
        SUCCESS, FAILURE
    }

    public static AuditEntry success(String action, String objectType, Object objectId,
            Map<String, AuditChanges.Change> changes) {
        return new AuditEntry(action, objectType, objectId == null ? null : objectId.toString(), Outcome.SUCCESS,
                changes, null);
    }

    public static AuditEntry failure(String action, String objectType, Object objectId, String detail) {
        return new AuditEntry(action, objectType, objectId == null ? null : objectId.toString(), Outcome.FAILURE,
                Map.of(), detail);
    }
}
