package cn.keywork.supervision.cycle.service;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.cycle.domain.StepOutcome;
import cn.keywork.supervision.slip.service.SlipProposals;
import cn.keywork.supervision.web.PageRequest;
import io.smallrye.mutiny.Uni;

/**
 * MONTHLY 4: the slips the escalation rules call for (R8, R9), drafted by SlipProposals.draft;
 * supervision orders go straight to their leaders for approval. Idempotent per task, type and month.
 */
@ApplicationScoped
class MonthlySlips implements CycleStep {

    private final SlipProposals proposals;

    MonthlySlips(SlipProposals proposals) {
        this.proposals = proposals;
    }

    @Override
    public CycleType type() {
        return CycleType.MONTHLY;
    }

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String name() {
        return "draft-slips";
    }

    @Override
    public Uni<StepOutcome> run(String period) {
        return proposals.draft(period, true).map(drafts -> StepOutcome.done(
                Map.of("drafted", (long) drafts.drafted(), "existing", (long) drafts.existing())));
    }

    @Override
    public Uni<StepOutcome> dryRun(String period) {
        return proposals.list(period, PageRequest.of(1, 1, null, Set.of("code"), "code"))
                .map(page -> StepOutcome.done(Map.of("proposals", page.total())));
    }
}
