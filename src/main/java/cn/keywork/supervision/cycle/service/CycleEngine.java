package cn.keywork.supervision.cycle.service;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.cycle.domain.CycleRun;
import cn.keywork.supervision.cycle.domain.CycleRunStatus;
import cn.keywork.supervision.cycle.domain.CycleStepRow;
import cn.keywork.supervision.cycle.domain.CycleTrigger;
import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.cycle.domain.StepOutcome;
import cn.keywork.supervision.cycle.domain.StepStatus;
import cn.keywork.supervision.cycle.repository.CycleRepository;
import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.event.DomainEvent;
import cn.keywork.supervision.event.DomainEventLog;
import cn.keywork.supervision.event.EventTypes;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Runs a cycle for a period exactly once across instances (R10, R13). A run is claimed in
 * PostgreSQL under a lease; each step's work and its DONE row commit in one transaction that first
 * renews the lease and fails when the run is no longer this instance's. A run that crashed or
 * failed resumes at its first unfinished step; a step not due yet leaves the run WAITING.
 */
@ApplicationScoped
public class CycleEngine {

    private static final Logger LOG = Logger.getLogger(CycleEngine.class);

    /** The run is no longer this instance's: its lease expired and another took it. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(CycleType type, String period) {
            super("Lost the lease of the " + type + " run of " + period);
        }
    }

    private final CycleRepository runs;
    private final List<CycleStep> steps;
    private final CycleStepHook hook;
    private final CycleCalendar calendar;
    private final AuditTrail audit;
    private final DomainEventLog events;
    private final Duration lease;
    private final String instanceId;

    CycleEngine(CycleRepository runs, @Any Instance<CycleStep> steps, CycleStepHook hook, CycleCalendar calendar,
            AuditTrail audit, DomainEventLog events, SupervisionConfig config) {
        this.runs = runs;
        this.steps = steps.stream().sorted(Comparator.comparing(CycleStep::type).thenComparingInt(CycleStep::number)).toList();
        this.hook = hook;
        this.calendar = calendar;
        this.audit = audit;
        this.events = events;
        this.lease = config.cycles().lease();
        this.instanceId = config.cycles().instanceId().orElseGet(CycleEngine::hostInstance);
    }

    private static String hostInstance() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "instance";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This instance's name as the owner of its runs. */
    public String instanceId() {
        return instanceId;
    }

    /** The steps of a type, in order. */
    public List<CycleStep> steps(CycleType type) {
        return steps.stream().filter(step -> step.type() == type).toList();
    }

    /** 400 when the period is not written as the type's periods are. */
    public static void requireFits(CycleType type, String period) {
        if (!type.fits(period)) {
            throw InvalidInput.of("period", InvalidInput.Reason.PATTERN, DomainMessage.CYCLE_PERIOD_INVALID, period, type);
        }
    }

    /** 404 for a period that has not begun (a month, quarter or year still ahead). */
    private void requireBegun(CycleType type, String period) {
        if (type.firstDay(period).isAfter(calendar.today())) {
            throw new NotFound(DomainMessage.CYCLE_PERIOD_NOT_BEGUN, period);
        }
    }

    /** Runs (or resumes) the period's run now as this instance. */
    public Uni<CycleRun> start(CycleType type, String period, CycleTrigger trigger) {
        return start(type, period, trigger, instanceId);
    }

    /**
     * Runs (or resumes) the period's run as {@code owner}: 409 when another instance holds its lease
     * or it succeeded already. Answers the run as it stands after this start (SUCCEEDED, WAITING or
     * FAILED with the step's error).
     */
    public Uni<CycleRun> start(CycleType type, String period, CycleTrigger trigger, String owner) {
        requireFits(type, period);
        requireBegun(type, period);
        UUID startedBy = RequestScope.actor().userId();
        Instant now = calendar.now();
        return Panache.withTransaction(() -> runs.claim(type, period, trigger, startedBy, owner, now, now.plus(lease))
                .call(claimed -> claimed == null ? Uni.createFrom().voidItem() : plan(type, period))
                .call(claimed -> claimed == null || trigger != CycleTrigger.MANUAL ? Uni.createFrom().voidItem()
                        : audit.record(AuditEntry.success("CYCLE_RUN_STARTED", "CycleRun", type + "/" + period,
                                AuditChanges.created(Map.of("type", type.name(), "period", period, "attempt",
                                        claimed.attempts()))))))
                .chain(claimed -> {
                    if (claimed == null) {
                        return Panache.withSession(() -> runs.find(type, period)).map(existing -> {
                            throw refusal(type, period, existing);
                        });
                    }
                    return Panache.withSession(() -> runs.steps(type, period))
                            .chain(rows -> next(type, period, owner, rows, 0))
                            .chain(() -> Panache.withSession(() -> runs.find(type, period)));
                });
    }

    private static Conflict refusal(CycleType type, String period, CycleRun existing) {
        if (existing != null && existing.status() == CycleRunStatus.SUCCEEDED) {
            return new Conflict(DomainMessage.CYCLE_RUN_SUCCEEDED, type, period, existing.finishedAt());
        }
        return new Conflict(DomainMessage.CYCLE_RUN_HELD, type, period, existing == null ? "?" : existing.owner(),
                existing == null ? "?" : existing.leaseUntil());
    }

    private Uni<Void> plan(CycleType type, String period) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (CycleStep step : steps(type)) {
            chain = chain.chain(() -> runs.plan(type, period, step.number(), step.name(), step.notBefore(period)));
        }
        return chain;
    }

    private Uni<Void> next(CycleType type, String period, String owner, List<CycleStepRow> rows, int index) {
        List<CycleStep> ofType = steps(type);
        if (index >= ofType.size()) {
            return end(type, period, owner, CycleRunStatus.SUCCEEDED, null);
        }
        CycleStep step = ofType.get(index);
        CycleStepRow row = rows.stream().filter(r -> r.number() == step.number()).findFirst().orElse(null);
        if (row != null && row.status().finished()) {
            return next(type, period, owner, rows, index + 1);
        }
        Instant notBefore = row == null ? step.notBefore(period) : row.notBefore();
        if (notBefore != null && calendar.now().isBefore(notBefore)) {
            return Panache.withTransaction(() -> runs.release(type, period, owner, CycleRunStatus.WAITING, calendar.now(), null))
                    .replaceWithVoid();
        }
        Instant started = calendar.now();
        return Panache.withTransaction(() -> runs.holdLease(type, period, owner, started, started.plus(lease))
                .invoke(held -> {
                    if (!held) {
                        throw new LeaseLost(type, period);
                    }
                })
                // under the run's lock: a step finished meanwhile (by an earlier hold of this run) is not run again
                .chain(() -> runs.stepFinished(type, period, step.number()))
                .chain(finished -> finished ? Uni.createFrom().item((StepOutcome) null)
                        : hook.beforeStep(type, period, step.number())
                                .chain(() -> step.run(period))
                                .call(outcome -> runs.finishStep(type, period, step.number(), outcome.status(), started,
                                        calendar.now(), outcome.counts(), outcome.note()))))
                .onItemOrFailure().transformToUni((outcome, failure) -> {
                    if (failure == null) {
                        return next(type, period, owner, rows, index + 1);
                    }
                    if (failure instanceof LeaseLost) {
                        LOG.warnf("%s: stopped, another instance runs it now", failure.getMessage());
                        return Uni.createFrom().voidItem();
                    }
                    LOG.errorf(failure, "The %s run of %s failed at step %d (%s)", type, period, step.number(), step.name());
                    String error = step.number() + " " + step.name() + ": " + describe(failure);
                    return Panache.withTransaction(() -> runs.finishStep(type, period, step.number(), StepStatus.FAILED,
                            started, calendar.now(), Map.of(), describe(failure))
                            .chain(() -> endInTransaction(type, period, owner, CycleRunStatus.FAILED, error)));
                });
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private Uni<Void> end(CycleType type, String period, String owner, CycleRunStatus status, String error) {
        return Panache.withTransaction(() -> endInTransaction(type, period, owner, status, error));
    }

    /** Releases the run with its final status and appends {@code cycle.finished} with the steps' counts. */
    private Uni<Void> endInTransaction(CycleType type, String period, String owner, CycleRunStatus status, String error) {
        return runs.release(type, period, owner, status, calendar.now(), error).chain(released -> {
            if (!released) {
                return Uni.createFrom().voidItem();
            }
            return runs.steps(type, period).chain(rows -> {
                Map<String, Object> counts = new LinkedHashMap<>();
                rows.forEach(row -> counts.put(row.number() + "." + row.name(), row.counts()));
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("type", type.name());
                payload.put("period", period);
                payload.put("status", status.name());
                payload.put("counts", counts);
                LOG.infof("The %s run of %s %s", type, period, status);
                return events.append(new DomainEvent(EventTypes.CYCLE_FINISHED, "CYCLE", type + "/" + period, List.of(),
                        period, payload));
            });
        });
    }

    /**
     * What each step would do now, changing nothing: finished steps as recorded, the others counted
     * by their dry run (SKIPPED when they would be skipped).
     */
    public Uni<CycleRun> dryRun(CycleType type, String period) {
        requireFits(type, period);
        requireBegun(type, period);
        return Panache.withSession(() -> runs.find(type, period).chain(existing -> {
            List<CycleStepRow> recorded = existing == null ? List.of() : existing.steps();
            List<CycleStepRow> planned = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (CycleStep step : steps(type)) {
                CycleStepRow row = recorded.stream().filter(r -> r.number() == step.number()).findFirst().orElse(null);
                if (row != null && row.status().finished()) {
                    chain = chain.invoke(() -> planned.add(row));
                    continue;
                }
                chain = chain.chain(() -> step.dryRun(period)).invoke(outcome -> planned.add(new CycleStepRow(step.number(),
                        step.name(), outcome.status() == StepStatus.SKIPPED ? StepStatus.SKIPPED : StepStatus.PENDING,
                        step.notBefore(period), null, null, null, outcome.counts(), outcome.note()))).replaceWithVoid();
            }
            return chain.map(done -> existing == null
                    ? new CycleRun(type, period, null, CycleTrigger.MANUAL, null, null, null, null, null, 0, null, true, planned)
                    : new CycleRun(type, period, existing.status(), existing.trigger(), existing.startedBy(), existing.startedAt(),
                            existing.finishedAt(), existing.owner(), existing.leaseUntil(), existing.attempts(), existing.error(),
                            true, planned));
        }));
    }

    /** The period's run with its steps; 404 when never run. */
    public Uni<CycleRun> get(CycleType type, String period) {
        requireFits(type, period);
        return Panache.withSession(() -> runs.find(type, period))
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.CYCLE_RUN_NOT_FOUND, type + " " + period));
    }

    /** Runs newest first, without their steps. */
    public Uni<Page<CycleRun>> history(CycleType type, CycleRunStatus status, PageRequest page) {
        return Panache.withSession(() -> runs.page(type, status, page.size(), page.offset())
                .chain(items -> runs.count(type, status).map(total -> new Page<>(items, page, total))));
    }

    /** Resumes, one after the other, the runs that crashed or wait for a step that is due now. */
    public Uni<Integer> resumeDue() {
        return Panache.withSession(() -> runs.resumable(calendar.now())).chain(due -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (CycleRun run : due) {
                chain = chain.chain(count -> start(run.type(), run.period(), run.trigger())
                        .map(resumed -> count + 1)
                        .onFailure(Conflict.class).recoverWithItem(count));
            }
            return chain;
        });
    }

    /** When the cycles began on this database. */
    public Uni<Instant> since() {
        return Panache.withSession(() -> runs.since());
    }

    /** The periods among {@code periods} that have a run of the type (whatever its status). */
    public Uni<List<String>> periodsRun(CycleType type, List<String> periods) {
        return Panache.withSession(() -> runs.periods(type, periods));
    }
}
