package cn.keywork.supervision.cycle.service;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.briefing.domain.Quarter;
import cn.keywork.supervision.briefing.service.BriefingService;
import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.cycle.domain.StepOutcome;
import cn.keywork.supervision.cycle.repository.CycleWork;
import io.smallrye.mutiny.Uni;

/** QUARTERLY 1, after the quarter: draft its briefing (R10), skipped when the quarter has one. */
@ApplicationScoped
class QuarterlyBriefing implements CycleStep {

    private final BriefingService briefings;
    private final CycleWork work;
    private final CycleCalendar calendar;

    QuarterlyBriefing(BriefingService briefings, CycleWork work, CycleCalendar calendar) {
        this.briefings = briefings;
        this.work = work;
        this.calendar = calendar;
    }

    @Override
    public CycleType type() {
        return CycleType.QUARTERLY;
    }

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String name() {
        return "draft-briefing";
    }

    @Override
    public Instant notBefore(String period) {
        return calendar.startOf(Quarter.parse(period).endDay());
    }

    @Override
    public Uni<StepOutcome> run(String period) {
        return work.briefingOf(period).chain(existing -> existing != null
                ? Uni.createFrom().item(StepOutcome.skipped("the briefing of " + period + " exists already (" + existing + ")",
                        Map.of("existing", 1L)))
                : briefings.draft(period).map(view -> StepOutcome.done(Map.of("drafted", 1L))));
    }

    @Override
    public Uni<StepOutcome> dryRun(String period) {
        return work.briefingOf(period).map(existing -> existing != null
                ? StepOutcome.skipped("the briefing of " + period + " exists already (" + existing + ")", Map.of("existing", 1L))
                : StepOutcome.done(Map.of("drafted", 1L)));
    }
}
