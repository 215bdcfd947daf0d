package cn.keywork.supervision.assessment.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An objection 申诉 with the entry it is about (its year, points and rule). */
public record ObjectionRow(UUID id, UUID entryId, UUID unitId, int year, BigDecimal points, String ruleCode, String reason,
        List<UUID> attachmentIds, ObjectionStatus status, String decisionReason, Instant decidedAt, UUID reversalEntryId,
        Instant filedAt) {
}
