package cn.keywork.supervision.evaluation.domain;

/** An evaluator's overall verdict on a subject: 满意, 基本满意, 不满意. */
public enum Satisfaction {
    SATISFIED, BASICALLY_SATISFIED, DISSATISFIED;

    /** Whether the verdict counts towards the satisfaction rate. */
    public boolean counted() {
        return this != DISSATISFIED;
    }
}
