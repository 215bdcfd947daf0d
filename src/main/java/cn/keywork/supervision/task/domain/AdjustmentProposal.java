package cn.keywork.supervision.task.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * What an adjustment request proposes (R2): only the fields given change; {@code subItems}, when
 * given, replaces the whole breakdown.
 */
public record AdjustmentProposal(String target, String content, LocalDate deadline,
        List<TaskDetails.Cooperation> cooperatingUnits, List<SubItemDetails> subItems) {

    /** The task's details with the proposal applied. */
    public TaskDetails applyTo(TaskDetails current) {
        return new TaskDetails(current.year(), current.category(), current.title(),
                target != null ? target : current.target(), content != null ? content : current.content(),
                deadline != null ? deadline : current.deadline(), current.leadUnitId(),
                cooperatingUnits != null ? cooperatingUnits : current.cooperations(), current.unitHead(),
                current.leaderInChargeId(), current.responsibleDivision(), current.responsiblePersonName(),
                current.responsiblePersonMobile(), current.documentNumber(), current.site());
    }
}
