package cn.keywork.supervision.evaluation.domain;

/** The phases of a public-evaluation round (R14); names match the contract's EvaluationRoundStatus. */
public enum RoundStatus {
    DRAFT, REPORTING, INQUIRY, SCORING, CLOSED, PUBLISHED
}
