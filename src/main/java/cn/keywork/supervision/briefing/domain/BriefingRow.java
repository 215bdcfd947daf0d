package cn.keywork.supervision.briefing.domain;

import java.time.Instant;
import java.util.UUID;

/** A briefing as stored: its quarter, status, the office's text, the data snapshot and its stamps. */
public record BriefingRow(UUID id, String quarter, int year, BriefingStatus status, String title, String foreword,
        String conclusions, BriefingData data, Instant computedAt, Instant publishedAt, long version, Instant createdAt,
        Instant updatedAt) {
}
