package cn.keywork.supervision.slip.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A slip as stored, with its addressees and whether it is overdue at the time it was read. */
public record SlipRow(UUID id, SlipType type, int year, String number, SlipStatus status, UUID taskId, UUID subItemId,
        String requirements, LocalDate responseDeadline, SlipOutcome outcome, String overrideReason, String overrideBy,
        String evidence, boolean responseAccepted, Instant issuedAt, long version, Instant createdAt, Instant updatedAt,
        boolean overdue, List<UUID> targetUnitIds, List<UUID> copyToUnitIds, SlipRule rule, UUID basisSlipId,
        UUID supersededBy, String proposalPeriod) {

    public SlipState state() {
        return new SlipState(type, status, responseAccepted);
    }
}
