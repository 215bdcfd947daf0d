package cn.keywork.supervision.progress.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A report's own row: the current content's task-level fields and its state. */
public record ReportRow(UUID id, UUID taskId, String period, ReportStatus status, String summary, String problems,
        String measures, String nextSteps, boolean late, List<String> flags, int submittedCount, Instant submittedAt,
        Instant decidedAt, String decisionComment, long version, Instant createdAt, Instant updatedAt) {
}
