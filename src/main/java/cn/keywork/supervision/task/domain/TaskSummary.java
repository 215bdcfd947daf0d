package cn.keywork.supervision.task.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A task as listed. */
public record TaskSummary(UUID id, String code, int year, TaskCategory category, String title, LocalDate deadline,
        UUID leadUnitId, UUID leaderInChargeId, TaskStatus status, long version, Instant createdAt, Instant updatedAt) {
}
