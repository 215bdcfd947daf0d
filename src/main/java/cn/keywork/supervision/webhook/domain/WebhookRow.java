package cn.keywork.supervision.webhook.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A subscription as stored, without its secrets. {@code unitScope} is the unit whose events it
 * receives, null for an account that sees every unit's.
 */
public record WebhookRow(UUID id, UUID ownerId, String url, List<String> eventTypes, String description, UUID unitScope,
        boolean active, int consecutiveFailures, Instant previousSecretUntil, long version, Instant createdAt,
        Instant updatedAt) {

    /** The fields an audit row compares (never a secret). */
    public Map<String, Object> auditSnapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("url", url);
        snapshot.put("eventTypes", String.join(",", eventTypes));
        snapshot.put("description", description);
        snapshot.put("unitScope", unitScope == null ? null : unitScope.toString());
        snapshot.put("active", active);
        return snapshot;
    }

    /** The fields {@code change} sends applied, one version on; resuming resets the failure count. */
    public WebhookRow changed(WebhookChange change, Instant now) {
        boolean resumed = Boolean.TRUE.equals(change.active()) && !active;
        return new WebhookRow(id, ownerId, change.url() == null ? url : change.url(),
                change.eventTypes() == null ? eventTypes : List.copyOf(change.eventTypes()),
                change.description() == null ? description : change.description(), unitScope,
                change.active() == null ? active : change.active(), resumed ? 0 : consecutiveFailures,
                previousSecretUntil, version + 1, createdAt, now);
    }
}
