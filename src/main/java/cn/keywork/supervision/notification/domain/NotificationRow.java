package cn.keywork.supervision.notification.domain;

import java.time.Instant;
import java.util.UUID;

/** A notification as its recipient sees it. */
public record NotificationRow(UUID id, NotificationKind kind, String title, String body, String link, String period,
        Instant createdAt, Instant readAt) {

    public boolean read() {
        return readAt != null;
    }
}
