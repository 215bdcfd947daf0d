package cn.keywork.supervision.cycle.domain;

/** Where one step of a run stands; DONE and SKIPPED are final and never run again. */
public enum StepStatus {
    PENDING, DONE, FAILED, SKIPPED;

    public boolean finished() {
        return this == DONE || this == SKIPPED;
    }
}
