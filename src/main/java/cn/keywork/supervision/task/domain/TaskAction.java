package cn.keywork.supervision.task.domain;

/** A move in a task's life cycle; names match the contract's TaskAction. */
public enum TaskAction {
    SUBMIT, ACCEPT, RETURN, COMPLETE, CLOSE, CANCEL
}
