package cn.keywork.supervision.task.domain;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * The criteria of a task list; null means "any". {@code light} is a light's name, stored for the month
 * {@code period} (never null when {@code light} is set).
 */
public record TaskFilter(Integer year, TaskCategory category, TaskStatus status, UUID unitId, UnitRole unitRole,
        UUID leaderId, LocalDate deadlineFrom, LocalDate deadlineTo, String text, String light, String period) {

    public static final Set<String> SORT_FIELDS = Set.of("code", "title", "deadline", "createdAt", "updatedAt");
    public static final String DEFAULT_SORT = "-createdAt";

    /** How a unit takes part in a task. */
    public enum UnitRole {
        LEAD, COOPERATING, ANY
    }
}
