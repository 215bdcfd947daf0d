package cn.keywork.supervision.cycle.service;

import java.time.Instant;

import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.cycle.domain.StepOutcome;
import io.smallrye.mutiny.Uni;

/**
 * One step of a cycle. {@link #run} joins the engine's transaction, in which the step is also
 * recorded as done; {@link #dryRun} only counts what {@link #run} would do and changes nothing.
 */
public interface CycleStep {

    CycleType type();

    /** The step's place in its cycle, from 1. */
    int number();

    /** A short stable name ({@code remind}, {@code freeze-ledger}, …). */
    String name();

    /** The time before which the step may not run for {@code period}; null when it may run at once. */
    default Instant notBefore(String period) {
        return null;
    }

    Uni<StepOutcome> run(String period);

    Uni<StepOutcome> dryRun(String period);
}
