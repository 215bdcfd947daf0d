package cn.keywork.supervision.task.domain;

/** A move in a task's life cycle; names match the contract's TaskAction. */
public enum TaskAction {
    SUBMIT, ACCEPT, RETURN, COMPLETE, CLOSE, CANCEL;

    /** Moves that need a reason or note. */
    public boolean needsNote() {
        return this == RETURN || this == COMPLETE || this == CANCEL;
    }

    /** Moves only the supervision office makes; units only submit. */
    public boolean isOffices() {
        return this != SUBMIT;
    }
}
