package cn.keywork.supervision.progress.lights.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.progress.lights.domain.LightRules;
import cn.keywork.supervision.progress.lights.domain.ProgressHistory;
import cn.keywork.supervision.progress.lights.domain.Thresholds;
import cn.keywork.supervision.progress.lights.repository.FigureRepository;
import cn.keywork.supervision.security.RequestScope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Lag and lights (R5), for other features to call: {@link #recomputeMonth} after a month closes (or
 * to refresh it), {@link #recomputeTask} after a report of the task is accepted. Both join the
 * caller's transaction, compute set-based and append {@code light.changed} for each stored light
 * that changed (compared with the month's stored light, or else the previous month's).
 */
@ApplicationScoped
public class ProgressFigures {

    private final FigureRepository figures;
    private final Clock clock;
    private final LightRules rules;

    ProgressFigures(FigureRepository figures, Clock clock, ProgressSettings settings) {
        this.figures = figures;
        this.clock = clock;
        this.rules = rules(settings);
    }

    static LightRules rules(ProgressSettings settings) {
        Thresholds general = new Thresholds(settings.yellowLag(), settings.redLag());
        Map<String, Thresholds> byCategory = new LinkedHashMap<>();
        settings.category().forEach((category, own) -> byCategory.put(category,
                new Thresholds(own.yellowLag().orElse(general.yellowLag()), own.redLag().orElse(general.redLag()))));
        return new LightRules(general, byCategory);
    }

    public LightRules rules() {
        return rules;
    }

    /** Today in the city's time zone: the as-of date of the running month. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Computes and stores the figures of every registered task of the month's year; returns how many lights changed. */
    @WithTransaction
    public Uni<Long> recomputeMonth(String period) {
        return store(period, null);
    }

    /** Computes and stores one task's figures of a month (after one of its reports was accepted). */
    @WithTransaction
    public Uni<Long> recomputeTask(UUID taskId, String period) {
        return store(period, taskId);
    }

    /**
     * After a report of {@code period} was accepted: that month's figures of the task and, since an
     * accepted actual carries forward, the current month's when it is later.
     */
    public Uni<Void> afterAccepted(UUID taskId, String period) {
        String current = YearMonth.now(clock).toString();
        return recomputeTask(taskId, period)
                .chain(changed -> current.compareTo(period) > 0 ? recomputeTask(taskId, current) : Uni.createFrom().item(0L))
                .replaceWithVoid();
    }

    /** Advisory lock key of the nightly refresh ("LGHT"): instances queue, the later one finds nothing changed. */
    static final long REFRESH_LOCK = 0x4C474854L;

    @Scheduled(cron = "0 15 1 * * ?", timeZone = "Asia/Shanghai", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> nightly() {
        return refresh().replaceWithVoid();
    }

    /**
     * Computes the previous and the current month again, so that lights which change with time alone
     * (a deadline passing, a month ending) are stored and logged without waiting for a report.
     * Returns how many lights changed.
     */
    @WithTransaction
    public Uni<Long> refresh() {
        YearMonth current = YearMonth.now(clock);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("SELECT cast(pg_advisory_xact_lock(" + REFRESH_LOCK + ") AS text)",
                        String.class).getSingleResult())
                .chain(() -> store(current.minusMonths(1).toString(), null))
                .chain(before -> store(current.toString(), null).map(now -> before + now));
    }

    private Uni<Long> store(String period, UUID taskId) {
        YearMonth.parse(period);
        return figures.store(period, taskId, false, rules, today(), clock.instant().atOffset(ZoneOffset.UTC),
                RequestScope.actor().userId()).map(FigureRepository.Stored::changed);
    }

    /**
     * The task's figures month by month, from its first planned month (January of its year without a
     * plan) to the current month, or its deadline's month when that comes first; 404 out of scope.
     */
    @WithSession
    public Uni<ProgressHistory> history(UUID taskId) {
        return figures.span(taskId, RequestScope.actor().unitScope()).chain(span -> {
            if (span == null) {
                return Uni.createFrom().failure(new NotFound(DomainMessage.TASK_NOT_FOUND, taskId));
            }
            YearMonth from = span.firstPlanned() != null ? YearMonth.parse(span.firstPlanned()) : YearMonth.of(span.year(), 1);
            YearMonth to = YearMonth.now(clock);
            if (YearMonth.from(span.deadline()).isBefore(to)) {
                to = YearMonth.from(span.deadline());
            }
            if (to.isBefore(from)) {
                return Uni.createFrom().item(new ProgressHistory(taskId, span.code(), List.of()));
            }
            return figures.history(taskId, from, to, rules, today())
                    .map(months -> new ProgressHistory(taskId, span.code(), months));
        });
    }
}
