package cn.keywork.supervision.progress.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One registered task in the month's inbox. {@code state} is MISSING while nothing was submitted,
 * else the report's status; {@code reportStatus} is null when the month has no report.
 */
public record InboxRow(UUID taskId, String taskCode, String taskTitle, UUID leadUnitId, String state,
        ReportStatus reportStatus, UUID reportId, boolean late, Instant submittedAt) {
}
