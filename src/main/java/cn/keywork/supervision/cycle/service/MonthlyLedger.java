package cn.keywork.supervision.cycle.service;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.cycle.domain.StepOutcome;
import cn.keywork.supervision.cycle.repository.CycleWork;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.progress.lights.service.LedgerService;
import io.smallrye.mutiny.Uni;

/**
 * MONTHLY 5: freeze the month's ledger (LedgerService.close, skipped when the office closed it
 * already) and publish it only when {@code supervision.cycles.monthly.auto-publish}.
 */
@ApplicationScoped
class MonthlyLedger implements CycleStep {

    private final LedgerService ledgers;
    private final CycleWork work;
    private final boolean autoPublish;

    MonthlyLedger(LedgerService ledgers, CycleWork work, SupervisionConfig config) {
        this.ledgers = ledgers;
        this.work = work;
        this.autoPublish = config.cycles().monthly().autoPublish();
    }

    @Override
    public CycleType type() {
        return CycleType.MONTHLY;
    }

    @Override
    public int number() {
        return 5;
    }

    @Override
    public String name() {
        return "freeze-ledger";
    }

    @Override
    public Uni<StepOutcome> run(String period) {
        return work.ledgerClosed(period).chain(closed -> {
            if (closed) {
                return Uni.createFrom().item(StepOutcome.skipped("the ledger of " + period + " is closed already",
                        Map.of("alreadyClosed", 1L)));
            }
            return ledgers.close(period).chain(state -> {
                Map<String, Long> counts = new LinkedHashMap<>();
                counts.put("frozenRows", (long) state.rowCount());
                if (!autoPublish) {
                    counts.put("published", 0L);
                    return Uni.createFrom().item(StepOutcome.done(counts));
                }
                return ledgers.publish(period, state.version()).map(published -> {
                    counts.put("published", 1L);
                    return StepOutcome.done(counts);
                });
            });
        });
    }

    @Override
    public Uni<StepOutcome> dryRun(String period) {
        return work.ledgerClosed(period).chain(closed -> closed
                ? Uni.createFrom().item(StepOutcome.skipped("the ledger of " + period + " is closed already",
                        Map.of("alreadyClosed", 1L)))
                : work.countRegistered(CycleType.year(period)).map(rows -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    counts.put("frozenRows", rows);
                    counts.put("published", autoPublish ? 1L : 0L);
                    return StepOutcome.done(counts);
                }));
    }
}
