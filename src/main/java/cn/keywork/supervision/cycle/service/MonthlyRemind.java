package cn.keywork.supervision.cycle.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.cycle.domain.StepOutcome;
import cn.keywork.supervision.notification.service.ReportReminders;
import io.smallrye.mutiny.Uni;

/** MONTHLY 1: remind units without a submitted report, from N days before the deadline (skipped after it). */
@ApplicationScoped
class MonthlyRemind implements CycleStep {

    private final ReportReminders reminders;
    private final CycleCalendar calendar;

    MonthlyRemind(ReportReminders reminders, CycleCalendar calendar) {
        this.reminders = reminders;
        this.calendar = calendar;
    }

    @Override
    public CycleType type() {
        return CycleType.MONTHLY;
    }

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String name() {
        return "remind";
    }

    @Override
    public Instant notBefore(String period) {
        return calendar.startOf(calendar.remindFrom(period));
    }

    @Override
    public Uni<StepOutcome> run(String period) {
        LocalDate deadline = calendar.deadline(period);
        if (calendar.today().isAfter(deadline)) {
            return Uni.createFrom().item(StepOutcome.skipped("the reporting deadline " + deadline + " has passed"));
        }
        return reminders.remindDue(period, deadline).map(written -> StepOutcome.done(Map.of("reminded", (long) written)));
    }

    @Override
    public Uni<StepOutcome> dryRun(String period) {
        LocalDate deadline = calendar.deadline(period);
        if (calendar.today().isAfter(deadline)) {
            return Uni.createFrom().item(StepOutcome.skipped("the reporting deadline " + deadline + " has passed"));
        }
        return reminders.countDue(period).map(due -> StepOutcome.done(Map.of("reminded", due)));
    }
}
