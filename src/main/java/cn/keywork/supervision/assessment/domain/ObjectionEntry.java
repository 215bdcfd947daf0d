package cn.keywork.supervision.assessment.domain;

import java.time.Instant;
import java.util.UUID;

/** What an objection needs to know of the entry objected to. */
public record ObjectionEntry(UUID id, UUID unitId, int year, long seq, UUID reversalOf, String status, boolean reversed,
        Instant createdAt, int objectionDays) {
}
