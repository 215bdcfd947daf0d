package cn.keywork.supervision.ballot.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import cn.keywork.supervision.evaluation.domain.EvaluatorKind;

/** A published round's results as the public reads them: no person's data, nothing of any single ballot. */
public record PublicEvaluation(String period, String title, Instant publishedAt, String digest, List<Subject> subjects) {

    /** A published round in the list. */
    public record Summary(String period, String title, Instant publishedAt, int subjects) {
    }

    public record Subject(String taskCode, String title, String leadUnit, BigDecimal score, BigDecimal satisfactionRate,
            Integer rank, int ballots, boolean rated, List<Inquiry> inquiries) {
    }

    /** A public inquiry; {@code name} only when the evaluator agreed to be named. */
    public record Inquiry(EvaluatorKind kind, String name, String question, Instant askedAt, String answer,
            Instant answeredAt, String verdict) {
    }
}
