package cn.keywork.supervision.points.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import cn.keywork.supervision.points.domain.RuleBookStatus;
import cn.keywork.supervision.points.domain.RuleInput;
import cn.keywork.supervision.points.repository.RuleBookRepository;
import cn.keywork.supervision.points.repository.RuleBookRepository.Content;
import cn.keywork.supervision.points.repository.RuleBookRepository.Head;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ETags;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The yearly rule book 考核细则 (R16): ASSESSMENT writes the year's DRAFT version and activates it;
 * the ACTIVE version never changes, it is SUPERSEDED by the next one activated.
 */
@ApplicationScoped
public class RuleBooks {

    static final String OBJECT_TYPE = "RuleBook";

    /** The year's books read: status → JSON. */
    public record Year(int year, String active, String draft) {
    }

    private final RuleBookRepository books;
    private final AuditTrail audit;
    private final DomainEventLog events;
    private final Clock clock;
    private final ObjectMapper json;

    RuleBooks(RuleBookRepository books, AuditTrail audit, DomainEventLog events, Clock clock, ObjectMapper json) {
        this.books = books;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.json = json;
    }

    @WithSession
    public Uni<String> years() {
        return books.years();
    }

    /** The year's ACTIVE and DRAFT versions, or the one {@code version}; 404 when none. */
    @WithSession
    public Uni<Year> year(int year, Integer version) {
        return books.books(year, version).map(rows -> {
            if (rows.isEmpty()) {
                throw new NotFound(DomainMessage.RULE_BOOK_NOT_FOUND, version == null ? year : year + " v" + version);
            }
            String active = null;
            String draft = null;
            for (Object[] row : rows) {
                if (RuleBookStatus.DRAFT.name().equals(row[0])) {
                    draft = (String) row[1];
                } else {
                    active = (String) row[1];
                }
            }
            return new Year(year, active, draft);
        });
    }

    /**
     * Writes the whole draft: creates the next version (a copy of the ACTIVE one, then replaced)
     * when the year has none; otherwise requires the draft's ETag. An If-Match while the year has no
     * draft means the version it names was activated meanwhile: 409, an active version never changes.
     */
    @WithTransaction
    public Uni<String> writeDraft(int year, String ifMatch, String title, BigDecimal baseScore, BigDecimal bonusCap,
            BigDecimal deductionCap, int objectionDays, List<RuleInput> rules) {
        String rulesJson = validated(rules);
        UUID actor = RequestScope.actor().userId();
        Instant now = clock.instant();
        Content content = new Content(title, baseScore, bonusCap, deductionCap, objectionDays, rulesJson);
        return books.lock(year, RuleBookStatus.DRAFT.name()).chain(draft -> {
            if (draft != null) {
                ETags.check(ETags.required(ifMatch), draft.rowVersion(), "rule book draft");
                return Uni.createFrom().item(draft.id());
            }
            if (ifMatch != null && !ifMatch.isBlank()) {
                return books.lock(year, RuleBookStatus.ACTIVE.name()).map(active -> {
                    if (active == null) {
                        throw new NotFound(DomainMessage.RULE_BOOK_NOT_FOUND, year);
                    }
                    throw new Conflict(DomainMessage.RULE_BOOK_ACTIVE, year, active.version());
                });
            }
            return books.startDraft(year, actor, now);
        }).call(id -> books.write(id, content, now))
                .call(id -> {
                    Map<String, Object> after = new LinkedHashMap<>();
                    after.put("year", year);
                    after.put("title", title);
                    after.put("rules", rules.size());
                    return audit.record(AuditEntry.success("RULE_BOOK_DRAFT_WRITTEN", OBJECT_TYPE, id, AuditChanges.created(after)));
                })
                .chain(books::book);
    }

    /** The draft becomes ACTIVE, the previous ACTIVE version SUPERSEDED. */
    @WithTransaction
    public Uni<String> activate(int year, long expected) {
        UUID actor = RequestScope.actor().userId();
        Instant now = clock.instant();
        return books.lock(year, RuleBookStatus.ACTIVE.name()).chain(active -> books.lock(year, RuleBookStatus.DRAFT.name())
                .chain(draft -> {
                    if (draft == null) {
                        throw new NotFound(DomainMessage.RULE_BOOK_NO_DRAFT, year);
                    }
                    ETags.check(expected, draft.rowVersion(), "rule book draft");
                    return books.activate(year, draft.id(), actor, now)
                            .call(() -> audit.record(AuditEntry.success("RULE_BOOK_ACTIVATED", OBJECT_TYPE, draft.id(),
                                    AuditChanges.between(Map.of("status", RuleBookStatus.DRAFT.name()),
                                            Map.of("status", RuleBookStatus.ACTIVE.name(), "version", draft.version())))))
                            .call(() -> events.append(event(year, draft, active)))
                            .chain(() -> books.book(draft.id()));
                }));
    }

    private static DomainEvent event(int year, Head draft, Head active) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("year", year);
        payload.put("version", draft.version());
        if (active != null) {
            payload.put("previousVersion", active.version());
        }
        return DomainEvent.of(EventTypes.POINTS_RULE_BOOK_ACTIVATED, OBJECT_TYPE, draft.id(), List.of(),
                Integer.toString(year), payload);
    }

    private String validated(List<RuleInput> rules) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleInput rule = rules.get(i);
            if (!codes.add(rule.code())) {
                problems.add("rules[" + i + "].code", InvalidInput.Reason.RULE, DomainMessage.RULE_CODE_DUPLICATE, rule.code());
            }
            if (rule.points() != null && rule.points().signum() == 0) {
                problems.add("rules[" + i + "].points", InvalidInput.Reason.RANGE, DomainMessage.POINTS_ZERO);
            }
            Set<String> supported = RuleInput.CONDITIONS.getOrDefault(rule.eventType(), Set.of());
            if (rule.condition() != null) {
                for (String key : rule.condition().keySet()) {
                    if (!supported.contains(key)) {
                        problems.add("rules[" + i + "].condition." + key, InvalidInput.Reason.UNKNOWN_FIELD,
                                DomainMessage.RULE_CONDITION_UNSUPPORTED, rule.eventType(), key);
                    }
                }
            }
        }
        problems.throwIfAny();
        try {
            return json.writeValueAsString(rules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Rules are not JSON", e);
        }
    }
}
