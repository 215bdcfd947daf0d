package cn.keywork.supervision.task.domain;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import cn.keywork.supervision.web.ApiProblem;

/**
 * A task's life cycle (R2) and its one transition function. A unit declares (DRAFT), submits;
 * the office accepts into the register (ACTIVE) or returns; confirms completion; closes completed
 * tasks at year end; cancels with a reason.
 */
public enum TaskStatus {
    DRAFT, SUBMITTED, RETURNED, ACTIVE, COMPLETED, CLOSED, CANCELLED;

    private static final Map<TaskStatus, Map<TaskAction, TaskStatus>> MOVES = new EnumMap<>(TaskStatus.class);

    static {
        move(DRAFT, TaskAction.SUBMIT, SUBMITTED);
        move(DRAFT, TaskAction.CANCEL, CANCELLED);
        move(SUBMITTED, TaskAction.ACCEPT, ACTIVE);
        move(SUBMITTED, TaskAction.RETURN, RETURNED);
        move(SUBMITTED, TaskAction.CANCEL, CANCELLED);
        move(RETURNED, TaskAction.SUBMIT, SUBMITTED);
        move(RETURNED, TaskAction.CANCEL, CANCELLED);
        move(ACTIVE, TaskAction.COMPLETE, COMPLETED);
        move(ACTIVE, TaskAction.CANCEL, CANCELLED);
        move(COMPLETED, TaskAction.CLOSE, CLOSED);
    }

    private static void move(TaskStatus from, TaskAction action, TaskStatus to) {
        MOVES.computeIfAbsent(from, status -> new EnumMap<>(TaskAction.class)).put(action, to);
    }

    /** The status after {@code action}; refuses an illegal move with 409 naming what is allowed. */
    public TaskStatus after(TaskAction action) {
        TaskStatus next = MOVES.getOrDefault(this, Map.of()).get(action);
        if (next == null) {
            Set<TaskAction> allowed = allowed();
            throw ApiProblem.conflict("A task in status " + this + " cannot " + action + "; allowed: "
                    + (allowed.isEmpty() ? "none" : allowed.stream().map(Enum::name).sorted().collect(Collectors.joining(", ")))
                    + ".");
        }
        return next;
    }

    public Set<TaskAction> allowed() {
        return MOVES.getOrDefault(this, Map.of()).keySet();
    }

    /** Drafts and returned declarations can still be edited as a whole. */
    public boolean isEditable() {
        return this == DRAFT || this == RETURNED;
    }

    /** In the year's register: counted against category limits, carries a code. */
    public boolean isRegistered() {
        return this == ACTIVE || this == COMPLETED || this == CLOSED;
    }
}
