package cn.keywork.supervision.ballot.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A stored ballot, for the evaluator who cast it only. */
public record Ballot(UUID id, BallotContent content, BigDecimal overall, String seal, Instant castAt, Instant updatedAt,
        long version) {
}
