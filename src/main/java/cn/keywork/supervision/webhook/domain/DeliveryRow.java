package cn.keywork.supervision.webhook.domain;

import java.time.Instant;
import java.util.UUID;

/** One line of a subscription's delivery log. */
public record DeliveryRow(UUID id, UUID eventId, String eventType, DeliveryStatus status, int attempts, boolean manual,
        Instant nextAttemptAt, Integer lastStatusCode, String lastError, Integer lastLatencyMs, Instant deliveredAt,
        Instant createdAt) {
}
