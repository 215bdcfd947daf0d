package cn.keywork.supervision.progress.lights.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.event.DomainEvent;
import cn.keywork.supervision.event.DomainEventLog;
import cn.keywork.supervision.event.EventTypes;
import cn.keywork.supervision.progress.lights.domain.Dashboard;
import cn.keywork.supervision.progress.lights.domain.LedgerPage;
import cn.keywork.supervision.progress.lights.domain.LedgerState;
import cn.keywork.supervision.progress.lights.domain.LedgerStatus;
import cn.keywork.supervision.progress.lights.domain.LedgerVersion;
import cn.keywork.supervision.progress.lights.repository.LedgerRepository;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ETags;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The monthly ledger 台账 (R5, R13): live while the month is open; {@link #close} freezes it as
 * version 1 (the cycles feature calls it too); a correction freezes a new version with a reason;
 * the latest version is published. Frozen rows never change. Every change is audited and logged
 * as a domain event in its transaction.
 */
@ApplicationScoped
public class LedgerService {

    static final String OBJECT_TYPE = "Ledger";
    static final String EVENT_OBJECT = "LEDGER";

    private final LedgerRepository ledgers;
    private final ProgressFigures figures;
    private final AuditTrail audit;
    private final DomainEventLog events;
    private final Clock clock;
    private final Dashboards dashboards;

    LedgerService(LedgerRepository ledgers, ProgressFigures figures, AuditTrail audit, DomainEventLog events, Clock clock,
            Dashboards dashboards) {
        this.dashboards = dashboards;
        this.ledgers = ledgers;
        this.figures = figures;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Closes a month: its figures are computed with the month closed (NOT_REPORTED where no report
     * was accepted) and frozen as version 1. 409 when closed already, 404 when not yet begun.
     */
    @WithTransaction
    public Uni<LedgerState> close(String period) {
        begun(period);
        UUID actor = RequestScope.actor().userId();
        return ledgers.create(period, now(), actor)
                .invoke(created -> {
                    if (!created) {
                        throw new Conflict(DomainMessage.LEDGER_ALREADY_CLOSED, period);
                    }
                })
                .chain(() -> figures.recomputeMonth(period))
                .chain(() -> ledgers.freeze(period, 1, null, now(), actor))
                .call(rows -> audit.record(AuditEntry.success("LEDGER_CLOSED", OBJECT_TYPE, period,
                        AuditChanges.created(Map.of("period", period, "version", 1, "rowCount", rows)))))
                .call(rows -> events.append(new DomainEvent(EventTypes.LEDGER_CLOSED, EVENT_OBJECT, period, List.of(), period,
                        Map.of("period", period, "version", 1, "rowCount", rows))))
                .chain(() -> ledgers.state(period, false));
    }

    /** A correction of a closed month: a new version from the current data, with its reason. */
    @WithTransaction
    public Uni<LedgerVersion> correct(String period, long expectedVersion, String reason) {
        UUID actor = RequestScope.actor().userId();
        return closed(period, true)
                .invoke(state -> ETags.check(expectedVersion, state.version(), "ledger"))
                .chain(state -> {
                    int number = state.latestVersion() + 1;
                    return figures.recomputeMonth(period)
                            .chain(() -> ledgers.freeze(period, number, reason, now(), actor))
                            .call(() -> ledgers.latest(period, number))
                            .call(rows -> audit.record(AuditEntry.success("LEDGER_CORRECTED", OBJECT_TYPE, period,
                                    AuditChanges.created(Map.of("period", period, "version", number, "reason", reason,
                                            "rowCount", rows)))))
                            .call(rows -> events.append(new DomainEvent(EventTypes.LEDGER_CORRECTED, EVENT_OBJECT, period,
                                    List.of(), period, Map.of("period", period, "version", number, "rowCount", rows))))
                            .chain(() -> ledgers.version(period, number));
                });
    }

    /** Publishes the latest version of a closed month; 409 when that version is public already. */
    @WithTransaction
    public Uni<LedgerState> publish(String period, long expectedVersion) {
        UUID actor = RequestScope.actor().userId();
        return closed(period, true)
                .invoke(state -> ETags.check(expectedVersion, state.version(), "ledger"))
                .invoke(state -> {
                    if (state.publishedVersion() != null && state.publishedVersion() == state.latestVersion()) {
                        throw new Conflict(DomainMessage.LEDGER_ALREADY_PUBLISHED, period, state.latestVersion());
                    }
                })
                .call(state -> ledgers.publish(period, now(), actor))
                .call(state -> audit.record(AuditEntry.success("LEDGER_PUBLISHED", OBJECT_TYPE, period,
                        AuditChanges.between(Map.of("publishedVersion", String.valueOf(state.publishedVersion())),
                                Map.of("publishedVersion", String.valueOf(state.latestVersion()))))))
                .call(state -> events.append(new DomainEvent(EventTypes.LEDGER_PUBLISHED, EVENT_OBJECT, period, List.of(), period,
                        Map.of("period", period, "version", state.latestVersion(), "rowCount", state.rowCount()))))
                .chain(() -> ledgers.state(period, false));
    }

    /** A closed month's ledger state, or null while it is open. */
    @WithSession
    public Uni<LedgerState> state(String period) {
        return ledgers.state(period, false);
    }

    /** A page of the ledger: live while open, else the given or latest version. */
    @WithSession
    public Uni<LedgerPage> page(String period, Integer version, int page, int size) {
        begun(period);
        Optional<UUID> scope = RequestScope.actor().unitScope();
        int offset = (page - 1) * size;
        return ledgers.state(period, false).chain(state -> {
            if (state == null) {
                if (version != null) {
                    return Uni.createFrom().failure(new NotFound(DomainMessage.LEDGER_NOT_CLOSED, period));
                }
                return ledgers.livePage(period, scope, figures.rules(), figures.today(), size, offset)
                        .chain(rows -> ledgers.liveCount(period, scope, figures.rules(), figures.today())
                                .map(total -> new LedgerPage(period, null, null, rows, page, size, total)));
            }
            int shown = version(state, version);
            return ledgers.frozenPage(period, shown, scope, size, offset)
                    .chain(rows -> ledgers.frozenCount(period, shown, scope)
                            .map(total -> new LedgerPage(period, state, shown, rows, page, size, total)));
        });
    }

    /** The version to show: the one asked for (404 when it does not exist) or the latest. */
    static int version(LedgerState state, Integer asked) {
        if (asked == null) {
            return state.latestVersion();
        }
        if (asked > state.latestVersion()) {
            throw new NotFound(DomainMessage.LEDGER_VERSION_NOT_FOUND, asked);
        }
        return asked;
    }

    @WithSession
    public Uni<List<LedgerVersion>> versions(String period) {
        return closed(period, false).chain(state -> ledgers.versions(period));
    }

    /**
     * The month's dashboard within the reader's scope: computed while open (at most {@code
     * supervision.progress.dashboard-cache} ago), else the latest version.
     */
    public Uni<Dashboard> dashboard(String period, int limit) {
        Optional<UUID> scope = RequestScope.actor().unitScope();
        return dashboards.get(period, scope.orElse(null), limit, () -> computeDashboard(period, scope, limit));
    }

    @WithSession
    Uni<Dashboard> computeDashboard(String period, Optional<UUID> scope, int limit) {
        return ledgers.state(period, false).chain(state -> ledgers.dashboard(period,
                state == null ? null : state.latestVersion(), scope, figures.rules(), figures.today(), limit)
                .map(counts -> new Dashboard(period, state == null ? LedgerStatus.OPEN : state.status(), counts.total(),
                        counts.byLightAndCategory(), counts.byUnit(), counts.mostLagging(), counts.missingReports())));
    }

    /** A month not yet begun has no ledger: 404. */
    public void begun(String period) {
        if (YearMonth.parse(period).isAfter(YearMonth.now(clock))) {
            throw new NotFound(DomainMessage.LEDGER_MONTH_NOT_BEGUN, period);
        }
    }

    private Uni<LedgerState> closed(String period, boolean lock) {
        return ledgers.state(period, lock).onItem().ifNull().failWith(() -> new NotFound(DomainMessage.LEDGER_NOT_CLOSED, period));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
