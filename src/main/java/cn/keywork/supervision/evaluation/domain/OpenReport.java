package cn.keywork.supervision.evaluation.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A unit's open report on a subject of a round: text and evidence attachments of the task. */
public record OpenReport(UUID taskId, UUID unitId, String text, List<UUID> attachmentIds, Instant submittedAt) {
}
