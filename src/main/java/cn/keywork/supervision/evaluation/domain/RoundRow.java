package cn.keywork.supervision.evaluation.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A quarter's public-evaluation round as stored. */
public record RoundRow(UUID id, String period, int year, String title, RoundStatus status, int minPanel, BigDecimal quorum,
        int trimAt, Instant reportingUntil, Instant inquiryUntil, Instant scoringUntil, Integer criteriaVersion,
        Instant criteriaFrozenAt, Instant closedAt, Instant publishedAt, long version, Instant createdAt,
        Instant updatedAt) {
}
