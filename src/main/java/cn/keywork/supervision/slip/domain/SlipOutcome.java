package cn.keywork.supervision.slip.domain;

/** How the office closes a slip (办结): the matter resolved or not. */
public enum SlipOutcome {
    RESOLVED, UNRESOLVED
}
