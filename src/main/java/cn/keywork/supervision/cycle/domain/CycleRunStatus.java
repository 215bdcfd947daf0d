package cn.keywork.supervision.cycle.domain;

/**
 * Where a run stands: RUNNING while an instance holds its lease; WAITING when its next step is not
 * due yet; SUCCEEDED when every step is done or skipped (final); FAILED when a step failed (the next
 * start resumes at that step).
 */
public enum CycleRunStatus {
    RUNNING, WAITING, SUCCEEDED, FAILED
}
