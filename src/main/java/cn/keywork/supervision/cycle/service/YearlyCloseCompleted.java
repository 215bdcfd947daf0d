package cn.keywork.supervision.cycle.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.cycle.domain.StepOutcome;
import cn.keywork.supervision.cycle.repository.CycleWork;
import cn.keywork.supervision.event.EventTypes;
import io.smallrye.mutiny.Uni;

/**
 * YEARLY 2: the year's COMPLETED tasks are CLOSED (the move COMPLETED → CLOSED of TaskPolicy),
 * set-based, with a {@code task.closed} event each and one audit summary.
 */
@ApplicationScoped
class YearlyCloseCompleted implements CycleStep {

    static final String NOTE = "Closed by the yearly cycle";

    private final CycleWork work;
    private final CycleCalendar calendar;
    private final AuditTrail audit;

    YearlyCloseCompleted(CycleWork work, CycleCalendar calendar, AuditTrail audit) {
        this.work = work;
        this.calendar = calendar;
        this.audit = audit;
    }

    @Override
    public CycleType type() {
        return CycleType.YEARLY;
    }

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String name() {
        return "close-completed";
    }

    @Override
    public Uni<StepOutcome> run(String period) {
        int year = Integer.parseInt(period);
        return work.closeCompleted(year, calendar.now(), NOTE, EventTypes.TASK_CLOSED)
                .call(closed -> closed == 0 ? Uni.createFrom().voidItem()
                        : audit.record(AuditEntry.success("TASKS_CLOSED_AT_YEAR_END", "TaskYear", period,
                                AuditChanges.between(Map.of("status", "COMPLETED"),
                                        Map.of("status", "CLOSED", "year", year, "taskCount", closed)))))
                .map(closed -> StepOutcome.done(Map.of("closed", (long) closed)));
    }

    @Override
    public Uni<StepOutcome> dryRun(String period) {
        return work.countTasks(Integer.parseInt(period), "COMPLETED").map(completed -> StepOutcome.done(Map.of("closed", completed)));
    }
}
