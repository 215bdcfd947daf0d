package cn.keywork.supervision.evaluation.domain;

import java.math.BigDecimal;

/** A criterion of a round: its code (the key of a ballot's scores), name and weight out of 100. */
public record Criterion(String code, String name, BigDecimal weight) {
}
