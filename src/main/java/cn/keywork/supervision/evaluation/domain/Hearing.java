package cn.keywork.supervision.evaluation.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A hearing 汇报会 of a round: when, where, who took part, notes and the subjects heard. */
public record Hearing(UUID id, Instant heldAt, String place, String participants, String notes, List<UUID> taskIds,
        Instant createdAt) {
}
