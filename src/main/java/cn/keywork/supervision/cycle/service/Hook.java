package cn.keywork.supervision.cycle.service;

import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.cycle.domain.StepOutcome;
import io.smallrye.mutiny.Uni;

/** A step a later feature hooks into; until then recorded SKIPPED with the reason. */
abstract class Hook implements CycleStep {

    private final CycleType type;
    private final int number;
    private final String name;
    private final String reason;

    Hook(CycleType type, int number, String name, String reason) {
        this.type = type;
        this.number = number;
        this.name = name;
        this.reason = reason;
    }

    @Override
    public CycleType type() {
        return type;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Uni<StepOutcome> run(String period) {
        return Uni.createFrom().item(StepOutcome.skipped(reason));
    }

    @Override
    public Uni<StepOutcome> dryRun(String period) {
        return run(period);
    }
}
