package cn.keywork.supervision.cycle.domain;

import java.util.Map;

/**
 * What one step did (or, in a dry run, would do): DONE with its counts, or SKIPPED with the reason
 * (kept as the step's {@code error} text) and its counts.
 */
public record StepOutcome(StepStatus status, Map<String, Long> counts, String note) {

    public static StepOutcome done(Map<String, Long> counts) {
        return new StepOutcome(StepStatus.DONE, counts, null);
    }

    public static StepOutcome skipped(String reason, Map<String, Long> counts) {
        return new StepOutcome(StepStatus.SKIPPED, counts, reason);
    }

    public static StepOutcome skipped(String reason) {
        return skipped(reason, Map.of());
    }
}
