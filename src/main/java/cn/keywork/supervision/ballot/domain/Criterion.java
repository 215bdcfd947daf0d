package cn.keywork.supervision.ballot.domain;

import java.math.BigDecimal;

/** A criterion of a round as ballots are weighed by it. */
public record Criterion(String code, BigDecimal weight) {
}
