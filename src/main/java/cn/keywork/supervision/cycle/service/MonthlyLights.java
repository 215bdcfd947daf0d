package cn.keywork.supervision.cycle.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.cycle.domain.StepOutcome;
import cn.keywork.supervision.cycle.repository.CycleWork;
import cn.keywork.supervision.progress.lights.service.ProgressFigures;
import io.smallrye.mutiny.Uni;

/**
 * MONTHLY 3: lag and lights of every registered task of the month, stored (ProgressFigures.recomputeMonth),
 * then the figures' statistics refreshed for the steps that read them.
 */
@ApplicationScoped
class MonthlyLights implements CycleStep {

    private final ProgressFigures figures;
    private final CycleWork work;

    MonthlyLights(ProgressFigures figures, CycleWork work) {
        this.figures = figures;
        this.work = work;
    }

    @Override
    public CycleType type() {
        return CycleType.MONTHLY;
    }

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String name() {
        return "compute-lights";
    }

    @Override
    public Uni<StepOutcome> run(String period) {
        return work.countRegistered(CycleType.year(period)).chain(tasks -> figures.recomputeMonth(period)
                .call(work::analyzeFigures)
                .map(changed -> StepOutcome.done(Map.of("tasks", tasks, "lightsChanged", changed))));
    }

    @Override
    public Uni<StepOutcome> dryRun(String period) {
        return work.countRegistered(CycleType.year(period)).map(tasks -> StepOutcome.done(Map.of("tasks", tasks)));
    }
}
