package cn.keywork.supervision.cycle.domain;

/** What started a run: its schedule, the office by hand, or the catch-up of a missed period. */
public enum CycleTrigger {
    SCHEDULE, MANUAL, CATCH_UP
}
