package cn.keywork.supervision.problem.domain;

import java.time.Instant;
import java.util.UUID;

/** An assigned unit's answer to a problem, numbered from 1 in the order given. */
public record ProblemAnswer(int number, UUID unitId, String text, Instant answeredAt) {
}
