package cn.keywork.supervision.briefing.service;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.briefing.domain.BriefingAction;
import cn.keywork.supervision.briefing.domain.BriefingEdit;
import cn.keywork.supervision.briefing.domain.BriefingFilter;
import cn.keywork.supervision.briefing.domain.BriefingPolicy;
import cn.keywork.supervision.briefing.domain.BriefingRow;
import cn.keywork.supervision.briefing.domain.BriefingStatus;
import cn.keywork.supervision.briefing.domain.BriefingText;
import cn.keywork.supervision.briefing.domain.BriefingView;
import cn.keywork.supervision.briefing.domain.Quarter;
import cn.keywork.supervision.briefing.repository.BriefingRepository;
import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.domain.NotPermitted;
import cn.keywork.supervision.event.DomainEvent;
import cn.keywork.supervision.event.DomainEventLog;
import cn.keywork.supervision.event.EventTypes;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.security.Role;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The quarterly briefing 情况通报 (R10): drafted from the data of a quarter (by the office, or by
 * the quarterly cycle under the service's own actor), edited and published by the office. The
 * data is a snapshot taken in one statement; every change is audited and its domain event
 * appended in the same transaction.
 */
@ApplicationScoped
public class BriefingService {

    static final String OBJECT_TYPE = "Briefing";

    private final BriefingRepository briefings;
    private final AuditTrail audit;
    private final DomainEventLog events;
    private final Clock clock;
    private final ZoneId zone;
    private final int listLimit;

    BriefingService(BriefingRepository briefings, AuditTrail audit, DomainEventLog events, Clock clock,
            SupervisionConfig config) {
        this.briefings = briefings;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.zone = config.timeZone();
        this.listLimit = config.briefings().listLimit();
    }

    /** The office (or the service itself) sees drafts; everyone else published briefings only. */
    private static boolean seesDrafts(Actor actor) {
        return actor.isSystem() || actor.has(Role.OFFICE);
    }

    private static void requireOffice(Actor actor, String what) {
        if (!seesDrafts(actor)) {
            throw new NotPermitted(DomainMessage.BRIEFING_OFFICE_ONLY, what);
        }
    }

    /**
     * Drafts the briefing of {@code quarter} ({@code 2026-Q4}) from the data; 409 naming the
     * existing briefing when the quarter has one. Works without a request too (the quarterly
     * cycle calls it under the service's own actor).
     */
    @WithTransaction
    public Uni<BriefingView> draft(String quarter) {
        Actor actor = RequestScope.actor();
        requireOffice(actor, "draft");
        Quarter parsed = Quarter.parse(quarter);
        if (parsed == null) {
            throw InvalidInput.of("quarter", InvalidInput.Reason.PATTERN, DomainMessage.BRIEFING_QUARTER_INVALID, quarter);
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String title = BriefingText.defaultTitle(parsed);
        return refuseSecond(parsed)
                .chain(() -> data(parsed))
                .chain(data -> briefings.insert(id, parsed, title, data, actor.userId(), now))
                .chain(inserted -> inserted ? Uni.createFrom().voidItem() : refuseSecond(parsed))
                .call(() -> audit.record(AuditEntry.success("BRIEFING_DRAFTED", OBJECT_TYPE, id,
                        AuditChanges.created(Map.of("quarter", parsed.toString(), "title", title, "status", "DRAFT")))))
                .call(() -> events.append(event(EventTypes.BRIEFING_DRAFTED, id, parsed.toString(), title)))
                .chain(() -> visible(id, false)).map(BriefingView::of);
    }

    private Uni<Void> refuseSecond(Quarter quarter) {
        return briefings.idOf(quarter).invoke(existing -> {
            if (existing != null) {
                throw new Conflict(DomainMessage.BRIEFING_EXISTS, quarter.toString(), existing);
            }
        }).replaceWithVoid();
    }

    private Uni<String> data(Quarter quarter) {
        OffsetDateTime from = quarter.firstDay().atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime to = quarter.endDay().atStartOfDay(zone).toOffsetDateTime();
        return briefings.data(quarter, from, to, listLimit);
    }

    @WithSession
    public Uni<Page<BriefingRow>> list(BriefingFilter filter, PageRequest page) {
        boolean publishedOnly = !seesDrafts(RequestScope.actor());
        return briefings.list(filter, publishedOnly, page.size(), page.offset())
                .chain(rows -> briefings.count(filter, publishedOnly).map(total -> new Page<>(rows, page, total)));
    }

    @WithSession
    public Uni<BriefingView> get(UUID id) {
        return visible(id, false).map(BriefingView::of);
    }

    private Uni<BriefingRow> visible(UUID id, boolean lock) {
        return briefings.find(id, !seesDrafts(RequestScope.actor()), lock)
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.BRIEFING_NOT_FOUND, id));
    }

    /** Changes the office's text of a draft; a field not given keeps its value, an empty one removes it. */
    @WithTransaction
    public Uni<BriefingView> edit(UUID id, long expectedVersion, BriefingEdit edit) {
        requireOffice(RequestScope.actor(), "edit");
        Instant now = clock.instant();
        return visible(id, true).chain(row -> {
            ETags.check(expectedVersion, row.version(), "briefing");
            BriefingPolicy.requireDraft(row.status());
            String title = edit.title() == null ? row.title() : edit.title();
            String foreword = edit.foreword() == null ? row.foreword() : blankToNull(edit.foreword());
            String conclusions = edit.conclusions() == null ? row.conclusions() : blankToNull(edit.conclusions());
            return briefings.edit(id, title, foreword, conclusions, now)
                    .call(() -> audit.record(AuditEntry.success("BRIEFING_UPDATED", OBJECT_TYPE, id,
                            AuditChanges.between(text(row.title(), row.foreword(), row.conclusions()),
                                    text(title, foreword, conclusions)))));
        }).chain(() -> visible(id, false)).map(BriefingView::of);
    }

    /** REFRESH takes the data again; PUBLISH makes the draft public, for good. */
    @WithTransaction
    public Uni<BriefingView> transition(UUID id, long expectedVersion, BriefingAction action) {
        Actor actor = RequestScope.actor();
        requireOffice(actor, action == BriefingAction.PUBLISH ? "publish" : "refresh");
        Instant now = clock.instant();
        return visible(id, true).chain(row -> {
            ETags.check(expectedVersion, row.version(), "briefing");
            BriefingStatus next = BriefingPolicy.after(row.status(), action);
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("status", row.status().name());
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("status", next.name());
            if (action == BriefingAction.REFRESH) {
                before.put("computedAt", row.computedAt().toString());
                after.put("computedAt", now.toString());
                return data(Quarter.parse(row.quarter())).chain(data -> briefings.refresh(id, data, now))
                        .call(() -> audit.record(AuditEntry.success("BRIEFING_REFRESHED", OBJECT_TYPE, id,
                                AuditChanges.between(before, after))));
            }
            return briefings.publish(id, actor.userId(), now)
                    .call(() -> audit.record(AuditEntry.success("BRIEFING_PUBLISHED", OBJECT_TYPE, id,
                            AuditChanges.between(before, after))))
                    .call(() -> events.append(event(EventTypes.BRIEFING_PUBLISHED, id, row.quarter(), row.title())));
        }).chain(() -> visible(id, false)).map(BriefingView::of);
    }

    /** The published briefings, newest quarter first, for the public. */
    @WithSession
    public Uni<List<BriefingRow>> published() {
        return briefings.list(new BriefingFilter(null, null), true, Integer.MAX_VALUE, 0);
    }

    /** A published briefing for the public; 404 for a draft or an unknown id. */
    @WithSession
    public Uni<BriefingView> published(UUID id) {
        return briefings.find(id, true, false)
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.PUBLIC_BRIEFING_NOT_FOUND, id))
                .map(BriefingView::of);
    }

    private static DomainEvent event(String type, UUID id, String quarter, String title) {
        return DomainEvent.of(type, OBJECT_TYPE, id, List.of(), quarter, Map.of("quarter", quarter, "title", title));
    }

    private static Map<String, Object> text(String title, String foreword, String conclusions) {
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("title", title);
        text.put("foreword", foreword);
        text.put("conclusions", conclusions);
        return text;
    }

    private static String blankToNull(String text) {
        return text.isBlank() ? null : text;
    }
}
