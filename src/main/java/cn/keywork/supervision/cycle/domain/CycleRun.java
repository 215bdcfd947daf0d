package cn.keywork.supervision.cycle.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One run of a cycle for one period, with its steps. {@code status} is null in a dry run of a
 * period never run ({@code dryRun} true).
 */
public record CycleRun(CycleType type, String period, CycleRunStatus status, CycleTrigger trigger, UUID startedBy,
        Instant startedAt, Instant finishedAt, String owner, Instant leaseUntil, int attempts, String error,
        boolean dryRun, List<CycleStepRow> steps) {

    public CycleRun withSteps(List<CycleStepRow> steps) {
        return new CycleRun(type, period, status, trigger, startedBy, startedAt, finishedAt, owner, leaseUntil, attempts,
                error, dryRun, steps);
    }
}
