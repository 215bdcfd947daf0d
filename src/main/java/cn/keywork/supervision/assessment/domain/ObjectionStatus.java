package cn.keywork.supervision.assessment.domain;

/** An objection 申诉 to a point entry: OPEN until ASSESSMENT upholds it (a reversal is posted) or rejects it. */
public enum ObjectionStatus {
    OPEN, UPHELD, REJECTED
}
