package cn.keywork.supervision.evaluation.domain;

/** The moves of a round from phase to phase; names match the contract's EvaluationRoundAction. */
public enum RoundAction {
    OPEN_REPORTING, OPEN_INQUIRY, OPEN_SCORING, CLOSE, PUBLISH
}
