package cn.keywork.supervision.assessment.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.assessment.domain.AssessmentEvents;
import cn.keywork.supervision.assessment.domain.SnapshotChange;
import cn.keywork.supervision.assessment.domain.Summary;
import cn.keywork.supervision.assessment.repository.SummaryRepository;
import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.event.DomainEvent;
import cn.keywork.supervision.event.DomainEventLog;
import cn.keywork.supervision.event.EventTypes;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The annual assessment (R16): provisional (computed by the database on every read) until the
 * yearly cycle or the assessment office freezes it as a snapshot; after that the snapshot is
 * answered and only an upheld objection changes a row, each change recorded.
 */
@ApplicationScoped
public class SummaryService {

    private final SummaryRepository summaries;
    private final AuditTrail audit;
    private final DomainEventLog events;
    private final Clock clock;

    SummaryService(SummaryRepository summaries, AuditTrail audit, DomainEventLog events, Clock clock) {
        this.summaries = summaries;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The year's summary as the caller may see it: a unit account only its own row. */
    @WithSession
    public Uni<Summary> get(int year) {
        return read(year, RequestScope.actor().unitScope());
    }

    private Uni<Summary> read(int year, Optional<UUID> scope) {
        return summaries.frozen(year, false).chain(frozen -> {
            if (frozen != null) {
                return summaries.snapshot(year, scope)
                        .map(rows -> new Summary(year, true, frozen.frozenAt(), frozen.ruleBookVersion(), rows));
            }
            return summaries.activeBook(year)
                    .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.RULE_BOOK_NOT_FOUND, year))
                    .chain(book -> summaries.provisional(year, book.id(), scope)
                            .map(rows -> new Summary(year, false, null, book.version(), rows)));
        });
    }

    /** Freezes the year by hand: 409 when frozen already, 404 without an active rule book. */
    @WithTransaction
    public Uni<Summary> freeze(int year) {
        Actor actor = RequestScope.actor();
        return summaries.lockYear(year).chain(() -> summaries.frozen(year, false)).chain(frozen -> {
            if (frozen != null) {
                throw new Conflict(DomainMessage.ASSESSMENT_FROZEN_ALREADY, year, frozen.frozenAt());
            }
            return summaries.activeBook(year)
                    .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.RULE_BOOK_NOT_FOUND, year))
                    .chain(book -> write(year, book, actor.userId()).invoke(units -> {
                        if (units < 0) {
                            throw new Conflict(DomainMessage.ASSESSMENT_FROZEN_ALREADY, year, clock.instant());
                        }
                    }))
                    .chain(() -> read(year, Optional.empty()));
        });
    }

    /**
     * The yearly cycle's step, in its transaction: freezes the year if it has an active rule book and
     * is not frozen. Answers the units written (0 when frozen already), or null without a rule book.
     */
    public Uni<Integer> freezeByCycle(int year) {
        return summaries.lockYear(year).chain(() -> summaries.frozen(year, false)).chain(frozen -> frozen != null ? Uni.createFrom().item(0)
                : summaries.activeBook(year).chain(book -> book == null ? Uni.createFrom().nullItem()
                        : write(year, book, null).map(units -> Math.max(units, 0))));
    }

    /** What {@link #freezeByCycle} would write: the units, 0 when frozen already, null without a rule book. */
    public Uni<Long> countForFreeze(int year) {
        return summaries.frozen(year, false).chain(frozen -> frozen != null ? Uni.createFrom().item(0L)
                : summaries.activeBook(year).chain(book -> book == null ? Uni.createFrom().nullItem()
                        : summaries.countUnits(year, book.id())));
    }

    private Uni<Integer> write(int year, SummaryRepository.Book book, UUID actor) {
        Instant now = clock.instant();
        return summaries.freeze(year, book.id(), actor, now).call(units -> units < 0 ? Uni.createFrom().voidItem()
                : audit.record(AuditEntry.success("ASSESSMENT_FROZEN", AssessmentEvents.YEAR, year, AuditChanges.created(
                        Map.of("ruleBookVersion", book.version(), "units", units))))
                        .chain(() -> events.append(new DomainEvent(EventTypes.ASSESSMENT_FROZEN, AssessmentEvents.YEAR,
                                Integer.toString(year), List.of(), Integer.toString(year),
                                Map.of("year", year, "ruleBookVersion", book.version(), "units", units)))));
    }

    /** Taken by an objection's decision before it reverses an entry of the year (see {@link SummaryRepository#lockYear}). */
    Uni<Void> lockYear(int year) {
        return summaries.lockYear(year);
    }

    /**
     * After an upheld objection, in its transaction: when the entry's year is frozen and the entry is
     * in the snapshot, the unit's row is recomputed and the change recorded (before and after).
     */
    Uni<Void> afterUpheldObjection(int year, UUID unitId, UUID objectionId, Instant now) {
        return summaries.frozen(year, true).chain(frozen -> {
            if (frozen == null) {
                return Uni.createFrom().voidItem();
            }
            return summaries.snapshotItem(year, unitId).chain(before -> {
                if (before == null) {
                    return Uni.createFrom().voidItem();
                }
                return summaries.recompute(year, frozen, unitId, now)
                        .chain(() -> summaries.snapshotItem(year, unitId))
                        .chain(after -> before.equals(after) ? Uni.createFrom().voidItem()
                                : summaries.recordChange(UUID.randomUUID(), year, unitId, objectionId, before, after, now)
                                        .call(() -> audit.record(AuditEntry.success("ASSESSMENT_SNAPSHOT_CHANGED",
                                                AssessmentEvents.YEAR, year + "/" + unitId,
                                                Map.of("snapshot", new AuditChanges.Change(before, after))))));
            });
        });
    }

    /** The changes upheld objections made to the frozen year, scoped as the summary; 404 for a year without a summary. */
    @WithSession
    public Uni<List<SnapshotChange>> changes(int year) {
        return summaries.frozen(year, false)
                .chain(frozen -> frozen != null ? Uni.createFrom().item(Boolean.TRUE)
                        : summaries.activeBook(year).map(book -> book != null))
                .chain(known -> {
                    if (!known) {
                        throw new NotFound(DomainMessage.RULE_BOOK_NOT_FOUND, year);
                    }
                    return summaries.changes(year, RequestScope.actor().unitScope());
                });
    }
}
