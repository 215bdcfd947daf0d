package cn.keywork.supervision.task.domain;

/**
 * Where a task stands in its life cycle (R2). The moves between statuses, and what each status
 * allows, are the rules of {@link TaskPolicy}.
 */
public enum TaskStatus {
    DRAFT, SUBMITTED, RETURNED, ACTIVE, COMPLETED, CLOSED, CANCELLED
}
