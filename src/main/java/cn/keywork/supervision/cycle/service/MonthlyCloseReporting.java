package cn.keywork.supervision.cycle.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.cycle.domain.StepOutcome;
import cn.keywork.supervision.cycle.repository.CycleWork;
import io.smallrye.mutiny.Uni;

/**
 * MONTHLY 2, after the deadline: the month's reporting closes. Each ACTIVE task of the year whose
 * report of the month is not SUBMITTED or ACCEPTED gets the report status NOT_REPORTED (a draft or
 * returned report is marked; a missing one is written), set-based, with one audit summary. The
 * lights follow in step 3 and, with the month closed, in the ledger's freeze (step 5).
 */
@ApplicationScoped
class MonthlyCloseReporting implements CycleStep {

    private final CycleWork work;
    private final CycleCalendar calendar;
    private final AuditTrail audit;

    MonthlyCloseReporting(CycleWork work, CycleCalendar calendar, AuditTrail audit) {
        this.work = work;
        this.calendar = calendar;
        this.audit = audit;
    }

    @Override
    public CycleType type() {
        return CycleType.MONTHLY;
    }

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String name() {
        return "close-reporting";
    }

    @Override
    public Instant notBefore(String period) {
        return calendar.startOf(calendar.deadline(period).plusDays(1));
    }

    @Override
    public Uni<StepOutcome> run(String period) {
        int year = CycleType.year(period);
        Instant now = calendar.now();
        return work.markUnsubmittedNotReported(period, year, now)
                .chain(marked -> work.insertNotReported(period, year, now).map(written -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    counts.put("notReported", (long) marked + written);
                    counts.put("marked", (long) marked);
                    counts.put("written", (long) written);
                    return counts;
                }))
                .call(counts -> counts.get("notReported") == 0 ? Uni.createFrom().voidItem()
                        : audit.record(AuditEntry.success("REPORTING_CLOSED", "ReportingMonth", period,
                                AuditChanges.created(Map.of("period", period, "notReported", counts.get("notReported"))))))
                .map(StepOutcome::done);
    }

    @Override
    public Uni<StepOutcome> dryRun(String period) {
        return work.countMissingReports(period, CycleType.year(period))
                .map(missing -> StepOutcome.done(Map.of("notReported", missing)));
    }
}
