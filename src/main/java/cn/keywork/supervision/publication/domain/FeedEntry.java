package cn.keywork.supervision.publication.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One item of the media feed, told from a domain event: its id (the event's, so the item's id
 * never changes), its kind, when it happened, and what the public may know of it.
 */
public record FeedEntry(UUID eventId, Kind kind, OffsetDateTime occurredAt, String period, String taskCode,
        String taskTitle, Integer ledgerVersion) {

    public enum Kind {
        LEDGER_PUBLISHED, TASK_COMPLETED, TURNED_RED, BACK_TO_GREEN
    }
}
