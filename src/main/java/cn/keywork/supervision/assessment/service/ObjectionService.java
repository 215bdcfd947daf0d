package cn.keywork.supervision.assessment.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.assessment.domain.AssessmentEvents;
import cn.keywork.supervision.assessment.domain.ObjectionEntry;
import cn.keywork.supervision.assessment.domain.ObjectionFilter;
import cn.keywork.supervision.assessment.domain.ObjectionRow;
import cn.keywork.supervision.assessment.domain.ObjectionStatus;
import cn.keywork.supervision.assessment.repository.ObjectionRepository;
import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.event.DomainEvent;
import cn.keywork.supervision.event.DomainEventLog;
import cn.keywork.supervision.event.EventTypes;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.points.repository.PointReversals;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.security.Role;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Objections 申诉 (R16): the unit an entry is against objects within the rule book's period; the
 * assessment office upholds (the entry is reversed in the same transaction, and a frozen year's
 * snapshot row follows) or rejects with a reason. Every step is audited and logged as an event
 * naming the unit, so the unit is notified.
 */
@ApplicationScoped
public class ObjectionService {

    private final ObjectionRepository objections;
    private final PointReversals reversals;
    private final SummaryService summaries;
    private final AuditTrail audit;
    private final DomainEventLog events;
    private final Clock clock;
    private final ZoneId zone;
    private final int defaultDays;

    ObjectionService(ObjectionRepository objections, PointReversals reversals, SummaryService summaries, AuditTrail audit,
            DomainEventLog events, Clock clock, SupervisionConfig config) {
        this.objections = objections;
        this.reversals = reversals;
        this.summaries = summaries;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.zone = config.timeZone();
        this.defaultDays = config.assessment().objectionDays();
    }

    /** The unit a caller is confined to: none for the city-wide roles and the auditors. */
    static Optional<UUID> scope(Actor actor) {
        return actor.has(Role.AUDITOR) ? Optional.empty() : actor.unitScope();
    }

    @WithSession
    public Uni<Page<ObjectionRow>> list(ObjectionFilter filter, PageRequest page) {
        Optional<UUID> scope = scope(RequestScope.actor());
        return objections.list(filter, scope, page.size(), page.offset())
                .chain(rows -> objections.count(filter, scope).map(total -> new Page<>(rows, page, total)));
    }

    @WithSession
    public Uni<ObjectionRow> get(UUID id) {
        return objections.find(id, scope(RequestScope.actor()), false)
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.OBJECTION_NOT_FOUND, id));
    }

    /** Files an objection by the unit the entry is against. */
    @WithTransaction
    public Uni<ObjectionRow> file(UUID entryId, String reason, List<UUID> attachmentIds) {
        Actor actor = RequestScope.actor();
        return objections.entry(entryId, defaultDays).chain(entry -> {
            if (entry == null || actor.unitId() == null || !entry.unitId().equals(actor.unitId())) {
                throw new NotFound(DomainMessage.ENTRY_NOT_FOUND, entryId);
            }
            if (entry.reversalOf() != null) {
                throw new Conflict(DomainMessage.OBJECTION_ON_REVERSAL, entryId);
            }
            if (!"EFFECTIVE".equals(entry.status()) || entry.reversed()) {
                throw new Conflict(DomainMessage.OBJECTION_ENTRY_NOT_EFFECTIVE, entryId);
            }
            Instant now = clock.instant();
            LocalDate lastDay = lastDay(entry);
            if (LocalDate.ofInstant(now, zone).isAfter(lastDay)) {
                throw new Conflict(DomainMessage.OBJECTION_LATE, entryId, lastDay);
            }
            UUID id = UUID.randomUUID();
            return objections.unknownAttachments(attachmentIds).invoke(unknown -> {
                if (!unknown.isEmpty()) {
                    throw InvalidInput.of("attachmentIds", InvalidInput.Reason.NOT_FOUND, DomainMessage.ATTACHMENT_NOT_FOUND,
                            unknown.get(0));
                }
            }).chain(() -> objections.insert(id, entryId, entry.unitId(), reason, attachmentIds, actor.userId(), now)
                    .invoke(inserted -> {
                        if (!inserted) {
                            throw new Conflict(DomainMessage.OBJECTION_OPEN_ALREADY, entryId);
                        }
                    }))
                    .chain(() -> objections.find(id, Optional.empty(), false))
                    .call(row -> audit.record(AuditEntry.success("OBJECTION_FILED", AssessmentEvents.OBJECTION, id,
                            AuditChanges.created(snapshot(row)))))
                    .call(row -> events.append(event(EventTypes.ASSESSMENT_OBJECTION_FILED, row)));
        });
    }

    /** The last day an objection to the entry may be filed, in the city's time zone. */
    LocalDate lastDay(ObjectionEntry entry) {
        return LocalDate.ofInstant(entry.createdAt(), zone).plusDays(entry.objectionDays());
    }

    /** Upholds (reversing the entry) or rejects (with a reason) an OPEN objection. */
    @WithTransaction
    public Uni<ObjectionRow> decide(UUID id, boolean uphold, String reason) {
        Actor actor = RequestScope.actor();
        String text = reason == null || reason.isBlank() ? null : reason.strip();
        return objections.find(id, Optional.empty(), true)
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.OBJECTION_NOT_FOUND, id))
                .chain(before -> {
                    if (before.status() != ObjectionStatus.OPEN) {
                        throw new Conflict(DomainMessage.OBJECTION_DECIDED_ALREADY, id, before.status());
                    }
                    if (!uphold && text == null) {
                        throw InvalidInput.of("reason", InvalidInput.Reason.REQUIRED, DomainMessage.OBJECTION_REASON_REQUIRED);
                    }
                    Instant now = clock.instant();
                    Uni<UUID> reversal = !uphold ? Uni.createFrom().nullItem()
                            : summaries.lockYear(before.year()).chain(() -> reversals.reverse(before.entryId(), text == null ? "申诉成立" : text, actor.userId(), null, now)
                                    .onItem().ifNull().failWith(() -> new Conflict(
                                            DomainMessage.OBJECTION_ENTRY_NOT_EFFECTIVE, before.entryId())));
                    return reversal.chain(reversalId -> objections.decide(id,
                            uphold ? ObjectionStatus.UPHELD : ObjectionStatus.REJECTED, text, actor.userId(), reversalId, now)
                            .invoke(decided -> {
                                if (!decided) {
                                    throw new Conflict(DomainMessage.OBJECTION_DECIDED_ALREADY, id, before.status());
                                }
                            })
                            .chain(() -> uphold ? summaries.afterUpheldObjection(before.year(), before.unitId(), id,
                                    now) : Uni.createFrom().voidItem())
                            .chain(() -> objections.find(id, Optional.empty(), false))
                            .call(after -> audit.record(AuditEntry.success(uphold ? "OBJECTION_UPHELD" : "OBJECTION_REJECTED",
                                    AssessmentEvents.OBJECTION, id, AuditChanges.between(snapshot(before), snapshot(after)))))
                            .call(after -> events.append(event(EventTypes.ASSESSMENT_OBJECTION_DECIDED, after))));
                });
    }

    private static DomainEvent event(String type, ObjectionRow row) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("entryId", row.entryId().toString());
        payload.put("year", row.year());
        payload.put("points", row.points());
        if (row.ruleCode() != null) {
            payload.put("ruleCode", row.ruleCode());
        }
        payload.put("status", row.status().name());
        if (row.reversalEntryId() != null) {
            payload.put("reversalEntryId", row.reversalEntryId().toString());
        }
        return DomainEvent.of(type, AssessmentEvents.OBJECTION, row.id(), List.of(row.unitId()), Integer.toString(row.year()),
                payload);
    }

    private static Map<String, Object> snapshot(ObjectionRow row) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("entryId", row.entryId());
        values.put("unitId", row.unitId());
        values.put("reason", row.reason());
        values.put("attachmentIds", row.attachmentIds());
        values.put("status", row.status().name());
        values.put("decisionReason", row.decisionReason());
        values.put("reversalEntryId", row.reversalEntryId());
        return values;
    }
}
