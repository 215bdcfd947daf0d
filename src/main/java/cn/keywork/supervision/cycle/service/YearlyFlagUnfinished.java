package cn.keywork.supervision.cycle.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.cycle.domain.StepOutcome;
import cn.keywork.supervision.cycle.repository.CycleWork;
import cn.keywork.supervision.event.EventTypes;
import io.smallrye.mutiny.Uni;

/** YEARLY 1: one {@code task.unfinished} event per ACTIVE task of the year, in one statement. */
@ApplicationScoped
class YearlyFlagUnfinished implements CycleStep {

    private final CycleWork work;
    private final CycleCalendar calendar;

    YearlyFlagUnfinished(CycleWork work, CycleCalendar calendar) {
        this.work = work;
        this.calendar = calendar;
    }

    @Override
    public CycleType type() {
        return CycleType.YEARLY;
    }

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String name() {
        return "flag-unfinished";
    }

    @Override
    public Uni<StepOutcome> run(String period) {
        return work.flagUnfinished(Integer.parseInt(period), calendar.now(), EventTypes.TASK_UNFINISHED)
                .map(flagged -> StepOutcome.done(Map.of("flagged", (long) flagged)));
    }

    @Override
    public Uni<StepOutcome> dryRun(String period) {
        return work.countTasks(Integer.parseInt(period), "ACTIVE").map(active -> StepOutcome.done(Map.of("flagged", active)));
    }
}
