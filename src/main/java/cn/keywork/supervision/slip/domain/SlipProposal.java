package cn.keywork.supervision.slip.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A slip the escalation rules call for in a month: the task, the rule that fired, the urging slip
 * a supervision order escalates, suggested requirements and deadline, the evidence (JSON of the
 * contract's SlipEvidence), and the draft once made from it.
 */
public record SlipProposal(UUID taskId, String taskCode, String taskTitle, SlipType type, SlipRule rule, String period,
        List<UUID> targetUnitIds, BigDecimal lag, String light, UUID basisSlipId, String basisSlipNumber,
        String requirements, LocalDate responseDeadline, String evidence, UUID slipId) {
}
