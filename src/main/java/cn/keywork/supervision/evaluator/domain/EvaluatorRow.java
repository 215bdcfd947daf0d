package cn.keywork.supervision.evaluator.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.keywork.supervision.evaluation.domain.EvaluatorKind;

/** An evaluator of the corps (R15) as stored, with the username of their EVALUATOR account. */
public record EvaluatorRow(UUID id, EvaluatorKind kind, String name, String affiliation, UUID affiliationUnitId,
        List<String> expertise, LocalDate termFrom, LocalDate termTo, String appointmentDocument, String mobile,
        String email, boolean namePublic, boolean active, UUID userId, String username, long version, Instant createdAt,
        Instant updatedAt) {

    /** Whether the evaluator may sit on a panel on {@code day}: active and in term. */
    public boolean available(LocalDate day) {
        return active && !day.isBefore(termFrom) && !day.isAfter(termTo);
    }

    /** The row with the contact data left out, for those who may not see personal data. */
    public EvaluatorRow withoutContact() {
        return new EvaluatorRow(id, kind, name, affiliation, affiliationUnitId, expertise, termFrom, termTo,
                appointmentDocument, null, null, namePublic, active, userId, username, version, createdAt, updatedAt);
    }

    /** What the audit trail keeps of it (contact fields are masked there as personal data). */
    public Map<String, Object> auditSnapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("kind", kind.name());
        snapshot.put("name", name);
        snapshot.put("affiliation", affiliation);
        snapshot.put("affiliationUnitId", affiliationUnitId == null ? null : affiliationUnitId.toString());
        snapshot.put("expertise", String.join(",", expertise));
        snapshot.put("termFrom", termFrom.toString());
        snapshot.put("termTo", termTo.toString());
        snapshot.put("appointmentDocument", appointmentDocument);
        snapshot.put("mobile", mobile);
        snapshot.put("email", email);
        snapshot.put("namePublic", namePublic);
        snapshot.put("active", active);
        snapshot.put("username", username);
        return snapshot;
    }
}
