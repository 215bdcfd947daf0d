package cn.keywork.supervision.cycle.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.assessment.service.SummaryService;
import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.cycle.domain.StepOutcome;
import io.smallrye.mutiny.Uni;

/**
 * YEARLY 4: freezes the year's annual assessment (R16) as a snapshot, one row per unit in one
 * statement; a year frozen already is left as it is, a year without an active rule book is skipped.
 */
@ApplicationScoped
class YearlyAnnualAssessment implements CycleStep {

    private static final String NO_RULE_BOOK = "the year has no active assessment rule book";

    private final SummaryService summaries;

    YearlyAnnualAssessment(SummaryService summaries) {
        this.summaries = summaries;
    }

    @Override
    public CycleType type() {
        return CycleType.YEARLY;
    }

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String name() {
        return "annual-assessment";
    }

    @Override
    public Uni<StepOutcome> run(String period) {
        return summaries.freezeByCycle(Integer.parseInt(period)).map(units -> units == null ? StepOutcome.skipped(NO_RULE_BOOK)
                : StepOutcome.done(Map.of("frozenUnits", (long) units)));
    }

    @Override
    public Uni<StepOutcome> dryRun(String period) {
        return summaries.countForFreeze(Integer.parseInt(period)).map(units -> units == null ? StepOutcome.skipped(NO_RULE_BOOK)
                : StepOutcome.done(Map.of("frozenUnits", units)));
    }
}
