package cn.keywork.supervision.evaluation.domain;

import java.util.List;
import java.util.UUID;

/** A subject's task: its code, category and the units answering for it (the lead first, then the cooperating ones). */
public record SubjectParties(UUID taskId, String code, String category, UUID leadUnitId, List<UUID> cooperatingUnitIds) {

    public boolean answeredBy(UUID unit) {
        return unit != null && (unit.equals(leadUnitId) || cooperatingUnitIds.contains(unit));
    }
}
