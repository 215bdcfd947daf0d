package cn.keywork.supervision.assessment.domain;

import java.time.Instant;
import java.util.UUID;

/** A change an upheld objection made to a frozen snapshot row: the row before and after, as JSON text. */
public record SnapshotChange(UUID id, int year, UUID unitId, UUID objectionId, String beforeJson, String afterJson,
        Instant changedAt) {
}
