package cn.keywork.supervision.task.domain;

import java.time.Instant;
import java.util.UUID;

/** An adjustment request as read; the proposal as its JSON. */
public record AdjustmentView(UUID id, UUID taskId, TaskAdjustment.Status status, String reason, String proposalJson,
        String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt, String decisionNote) {
}
