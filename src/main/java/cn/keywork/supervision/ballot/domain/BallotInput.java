package cn.keywork.supervision.ballot.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import cn.keywork.supervision.evaluation.domain.Satisfaction;

/** A ballot as an evaluator sends it. */
public record BallotInput(UUID taskId, Map<String, BigDecimal> scores, Satisfaction satisfaction, String comment) {
}
