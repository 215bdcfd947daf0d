package cn.keywork.supervision.ballot.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import cn.keywork.supervision.evaluation.domain.RoundStatus;

/** What ballots and results need to know of a round. */
public record RoundFacts(UUID id, String period, String title, RoundStatus status, int trimAt, BigDecimal quorum,
        String resultsDigest, Instant publishedAt) {

    /** Results exist once scoring has closed. */
    public boolean hasResults() {
        return status == RoundStatus.CLOSED || status == RoundStatus.PUBLISHED;
    }
}
