package cn.keywork.supervision.points.domain;

/** A rule-book version's state (R16): edited as a DRAFT, ACTIVE once activated (never changed), SUPERSEDED by the next. */
public enum RuleBookStatus {
    DRAFT, ACTIVE, SUPERSEDED
}
