package cn.keywork.supervision.points.domain;

/**
 * Whom a rule's points go to: the task's lead unit, its cooperating units (each bearing the rule's
 * cooperating share), both, or the units a slip was addressed to.
 */
public enum AppliesTo {
    LEAD, COOPERATING, LEAD_AND_COOPERATING, TARGET
}
