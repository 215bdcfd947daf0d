package cn.keywork.supervision.cycle.service;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.briefing.domain.Quarter;
import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.cycle.domain.StepOutcome;
import cn.keywork.supervision.evaluation.service.RoundService;
import io.smallrye.mutiny.Uni;

/**
 * QUARTERLY 2, after the quarter: its public-evaluation round (R14), made with the defaults when it
 * has none and opened for reporting (skipped when it is open already). A quarter without a subject
 * keeps its round in DRAFT for the office to fill.
 */
@ApplicationScoped
class QuarterlyEvaluation implements CycleStep {

    private final RoundService rounds;
    private final CycleCalendar calendar;

    QuarterlyEvaluation(RoundService rounds, CycleCalendar calendar) {
        this.rounds = rounds;
        this.calendar = calendar;
    }

    @Override
    public CycleType type() {
        return CycleType.QUARTERLY;
    }

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String name() {
        return "public-evaluation";
    }

    @Override
    public Instant notBefore(String period) {
        return calendar.startOf(Quarter.parse(period).endDay());
    }

    @Override
    public Uni<StepOutcome> run(String period) {
        return rounds.openQuarter(period, false).map(QuarterlyEvaluation::outcome);
    }

    @Override
    public Uni<StepOutcome> dryRun(String period) {
        return rounds.openQuarter(period, true).map(QuarterlyEvaluation::outcome);
    }

    private static StepOutcome outcome(RoundService.QuarterOpening opening) {
        return opening.skipped() != null ? StepOutcome.skipped(opening.skipped(), Map.of("existing", 1L))
                : StepOutcome.done(Map.of("created", opening.created(), "opened", opening.opened()));
    }
}
