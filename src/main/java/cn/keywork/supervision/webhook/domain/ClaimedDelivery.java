package cn.keywork.supervision.webhook.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery a worker holds until its claim lapses: what to send where, with the subscription's
 * sealed secrets (the previous one while it still signs) and when the delivery was first tried.
 */
public record ClaimedDelivery(UUID id, UUID webhookId, UUID eventId, String body, String url, String secret,
        String previousSecret, Instant firstAttemptAt, int attempts) {
}
