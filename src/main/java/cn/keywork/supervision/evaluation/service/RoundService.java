package cn.keywork.supervision.evaluation.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.briefing.domain.Quarter;
import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.domain.RuleViolation;
import cn.keywork.supervision.evaluation.domain.Criterion;
import cn.keywork.supervision.evaluation.domain.RoundAction;
import cn.keywork.supervision.evaluation.domain.RoundDraft;
import cn.keywork.supervision.evaluation.domain.RoundPolicy;
import cn.keywork.supervision.evaluation.domain.RoundRow;
import cn.keywork.supervision.evaluation.domain.RoundRules;
import cn.keywork.supervision.evaluation.domain.RoundScope;
import cn.keywork.supervision.evaluation.domain.RoundStatus;
import cn.keywork.supervision.evaluation.domain.RoundView;
import cn.keywork.supervision.evaluation.repository.RoundRepository;
import cn.keywork.supervision.event.DomainEvent;
import cn.keywork.supervision.event.DomainEventLog;
import cn.keywork.supervision.event.EventTypes;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The quarterly public-evaluation rounds (R14): prepared by the office or the assessment office,
 * changed while in DRAFT (deadlines and title later too), and moved from phase to phase by the one
 * transition function {@link RoundPolicy#after}, its rules checked again at the moment of the move,
 * every {@link RoundPhaseListener} called in the move's transaction.
 */
@ApplicationScoped
public class RoundService {

    static final String OBJECT_TYPE = "EvaluationRound";

    /** What the quarterly cycle's step did (or, in a dry run, would do) for a quarter. */
    public record QuarterOpening(long created, long opened, String skipped) {
    }

    private final RoundRepository rounds;
    private final AuditTrail audit;
    private final DomainEventLog events;
    private final Clock clock;
    private final int minPanel;

    @Inject
    @Any
    Instance<RoundPhaseListener> listeners;

    RoundService(RoundRepository rounds, AuditTrail audit, DomainEventLog events, Clock clock, SupervisionConfig config) {
        this.rounds = rounds;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.minPanel = config.evaluation().minPanel();
    }

    @WithSession
    public Uni<Page<RoundView>> list(RoundStatus status, PageRequest page) {
        RoundScope scope = RoundScope.of(RequestScope.actor());
        return rounds.page(status, scope, page).chain(found -> rounds.count(status, scope)
                .chain(total -> views(found).map(views -> new Page<>(views, page, total))));
    }

    @WithSession
    public Uni<RoundView> get(UUID id) {
        return visible(id, RoundScope.of(RequestScope.actor()), false).chain(this::view);
    }

    /** The round if the actor sees it (404 otherwise), for the other services of the feature. */
    @WithSession
    public Uni<RoundRow> visible(UUID id, boolean lock) {
        return visible(id, RoundScope.of(RequestScope.actor()), lock);
    }

    /** Prepares a quarter's round in DRAFT; what the draft leaves out takes its default. */
    @WithTransaction
    public Uni<RoundView> create(RoundDraft draft) {
        Quarter quarter = RoundRules.quarter(draft.period());
        List<Criterion> criteria = draft.criteria() == null ? RoundRules.DEFAULT_CRITERIA : draft.criteria();
        RoundRules.requireCriteria(criteria);
        String period = quarter.toString();
        Uni<List<UUID>> subjects = draft.subjects() == null ? rounds.tasksActiveIn(quarter.year(), RoundRules.SUBJECT_STATUSES)
                : requireTasks(draft.subjects());
        Actor actor = RequestScope.actor();
        return subjects.chain(taskIds -> {
            Instant now = clock.instant();
            RoundRow row = new RoundRow(UUID.randomUUID(), period, quarter.year(),
                    draft.title() != null ? draft.title() : defaultTitle(quarter), RoundStatus.DRAFT,
                    draft.minPanel() != null ? draft.minPanel() : minPanel,
                    draft.quorum() != null ? draft.quorum() : RoundRules.DEFAULT_QUORUM,
                    draft.trimAt() != null ? draft.trimAt() : RoundRules.DEFAULT_TRIM_AT, draft.reportingUntil(),
                    draft.inquiryUntil(), draft.scoringUntil(), null, null, null, null, 1, now, now);
            return rounds.insert(row, actor.userId()).chain(inserted -> {
                if (!inserted) {
                    return rounds.ofPeriod(period).map(existing -> {
                        throw new Conflict(DomainMessage.ROUND_EXISTS, period, existing == null ? "?" : existing.id());
                    });
                }
                RoundView view = new RoundView(row, criteria, taskIds);
                return rounds.replaceCriteria(row.id(), criteria)
                        .chain(() -> rounds.replaceSubjects(row.id(), taskIds))
                        .call(() -> audit.record(AuditEntry.success("ROUND_CREATED", OBJECT_TYPE, row.id(),
                                AuditChanges.created(snapshot(view)))))
                        .map(nothing -> view);
            });
        });
    }

    /** Changes the fields sent: the frozen ones only in DRAFT, title and deadlines until the round closes. */
    @WithTransaction
    public Uni<RoundView> change(UUID id, long expectedVersion, RoundDraft draft) {
        return visible(id, RoundScope.of(RequestScope.actor()), true).chain(row -> {
            ETags.check(expectedVersion, row.version(), "round");
            RoundRules.requireChangeable(row.status(), draft);
            if (draft.criteria() != null) {
                RoundRules.requireCriteria(draft.criteria());
            }
            Uni<List<UUID>> subjects = draft.subjects() == null ? Uni.createFrom().nullItem() : requireTasks(draft.subjects());
            return view(row).chain(before -> subjects.chain(taskIds -> {
                RoundRow changed = new RoundRow(row.id(), row.period(), row.year(), or(draft.title(), row.title()),
                        row.status(), or(draft.minPanel(), row.minPanel()), or(draft.quorum(), row.quorum()),
                        or(draft.trimAt(), row.trimAt()), or(draft.reportingUntil(), row.reportingUntil()),
                        or(draft.inquiryUntil(), row.inquiryUntil()), or(draft.scoringUntil(), row.scoringUntil()),
                        row.criteriaVersion(), row.criteriaFrozenAt(), row.closedAt(), row.publishedAt(),
                        row.version() + 1, row.createdAt(), clock.instant());
                RoundView after = new RoundView(changed, or(draft.criteria(), before.criteria()),
                        or(taskIds, before.subjects()));
                return rounds.update(changed)
                        .chain(() -> draft.criteria() == null ? Uni.createFrom().voidItem()
                                : rounds.replaceCriteria(id, draft.criteria()))
                        .chain(() -> taskIds == null ? Uni.createFrom().voidItem() : rounds.replaceSubjects(id, taskIds))
                        .call(() -> audit.record(AuditEntry.success("ROUND_UPDATED", OBJECT_TYPE, id,
                                AuditChanges.between(snapshot(before), snapshot(after)))))
                        .map(nothing -> after);
            }));
        });
    }

    /** Moves a round the actor sees; {@code expectedVersion} from If-Match. */
    @WithTransaction
    public Uni<RoundView> move(UUID id, RoundAction action, long expectedVersion) {
        return visible(id, RoundScope.of(RequestScope.actor()), true).chain(row -> {
            ETags.check(expectedVersion, row.version(), "round");
            return moved(row, action);
        });
    }

    /**
     * QUARTERLY cycle: the quarter's round, made with the defaults when it has none, moved to
     * REPORTING when still a DRAFT with subjects. A dry run only counts.
     */
    @WithTransaction
    public Uni<QuarterOpening> openQuarter(String period, boolean dryRun) {
        Quarter quarter = RoundRules.quarter(period);
        return rounds.ofPeriod(quarter.toString()).chain(existing -> {
            if (existing != null && existing.status() != RoundStatus.DRAFT) {
                return Uni.createFrom().item(new QuarterOpening(0, 0, "the round of " + period + " is "
                        + existing.status() + " already (" + existing.id() + ")"));
            }
            if (existing != null) {
                return rounds.subjects(List.of(existing.id())).chain(subjects -> {
                    boolean any = !subjects.getOrDefault(existing.id(), List.of()).isEmpty();
                    if (!any || dryRun) {
                        return Uni.createFrom().item(new QuarterOpening(0, any ? 1 : 0, null));
                    }
                    return moved(existing, RoundAction.OPEN_REPORTING).map(view -> new QuarterOpening(0, 1, null));
                });
            }
            if (dryRun) {
                return rounds.tasksActiveIn(quarter.year(), RoundRules.SUBJECT_STATUSES)
                        .map(tasks -> new QuarterOpening(1, tasks.isEmpty() ? 0 : 1, null));
            }
            RoundDraft defaults = new RoundDraft(period, null, null, null, null, null, null, null, null, null);
            return create(defaults).chain(view -> view.subjects().isEmpty()
                    ? Uni.createFrom().item(new QuarterOpening(1, 0, null))
                    : moved(view.row(), RoundAction.OPEN_REPORTING).map(opened -> new QuarterOpening(1, 1, null)));
        });
    }

    /** The rounds in SCORING past their scoring deadline. */
    @WithSession
    public Uni<List<UUID>> scoringDue() {
        return rounds.scoringDue(clock.instant());
    }

    /** Closes the round if it is still in SCORING past its deadline (another instance may have closed it). */
    @WithTransaction
    public Uni<Boolean> closeIfDue(UUID id) {
        return rounds.find(id, RoundScope.ALL, true).chain(row -> {
            if (row == null || row.status() != RoundStatus.SCORING || row.scoringUntil() == null
                    || row.scoringUntil().isAfter(clock.instant())) {
                return Uni.createFrom().item(false);
            }
            return moved(row, RoundAction.CLOSE).map(view -> true);
        });
    }

    /** The move itself, on a locked row: the policy, the rules at this moment, the listeners, audit and event. */
    private Uni<RoundView> moved(RoundRow row, RoundAction action) {
        RoundStatus from = row.status();
        RoundStatus to = RoundPolicy.after(from, action);
        Uni<Void> rules = switch (action) {
            case OPEN_REPORTING -> rounds.subjects(List.of(row.id())).invoke(subjects -> {
                if (subjects.getOrDefault(row.id(), List.of()).isEmpty()) {
                    throw new RuleViolation(DomainMessage.ROUND_NO_SUBJECTS);
                }
            }).replaceWithVoid();
            case OPEN_SCORING -> rounds.shortPanels(row.id(), row.minPanel()).invoke(shortOnes -> {
                if (!shortOnes.isEmpty()) {
                    throw new RuleViolation(DomainMessage.ROUND_PANELS_SHORT, row.minPanel(), String.join(", ", shortOnes));
                }
            }).replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
        Instant now = clock.instant();
        boolean opening = action == RoundAction.OPEN_REPORTING;
        RoundRow changed = new RoundRow(row.id(), row.period(), row.year(), row.title(), to, row.minPanel(), row.quorum(),
                row.trimAt(), row.reportingUntil(), row.inquiryUntil(), row.scoringUntil(),
                opening ? Integer.valueOf(1) : row.criteriaVersion(), opening ? now : row.criteriaFrozenAt(),
                action == RoundAction.CLOSE ? now : row.closedAt(), action == RoundAction.PUBLISH ? now : row.publishedAt(),
                row.version() + 1, row.createdAt(), now);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("period", row.period());
        payload.put("from", from.name());
        payload.put("to", to.name());
        return rules.chain(() -> rounds.update(changed))
                .chain(() -> notifyListeners(row.id(), from, to))
                .call(() -> audit.record(AuditEntry.success("ROUND_MOVED", OBJECT_TYPE, row.id(),
                        AuditChanges.between(Map.of("status", from.name()), Map.of("status", to.name())))))
                .call(() -> events.append(DomainEvent.of(EventTypes.ROUND_MOVED, OBJECT_TYPE, row.id(), List.of(),
                        row.period(), payload)))
                .chain(() -> view(changed));
    }

    /** Every listener, one after the other, in the move's transaction. */
    private Uni<Void> notifyListeners(UUID id, RoundStatus from, RoundStatus to) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (RoundPhaseListener listener : listeners) {
            chain = chain.chain(() -> listener.onMove(id, from, to));
        }
        return chain;
    }

    private Uni<RoundRow> visible(UUID id, RoundScope scope, boolean lock) {
        return rounds.find(id, scope, lock).onItem().ifNull().failWith(() -> new NotFound(DomainMessage.ROUND_NOT_FOUND, id));
    }

    /** 400 naming the first id that is no key task; the ids, duplicates dropped, in order. */
    private Uni<List<UUID>> requireTasks(List<UUID> ids) {
        List<UUID> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        return rounds.existingTasks(distinct).map(found -> {
            for (UUID id : distinct) {
                if (!found.contains(id)) {
                    throw InvalidInput.of("subjects", InvalidInput.Reason.NOT_FOUND, DomainMessage.ROUND_TASK_UNKNOWN, id);
                }
            }
            return distinct;
        });
    }

    private Uni<RoundView> view(RoundRow row) {
        return views(List.of(row)).map(found -> found.get(0));
    }

    private Uni<List<RoundView>> views(List<RoundRow> rows) {
        List<UUID> ids = rows.stream().map(RoundRow::id).toList();
        return rounds.criteria(ids).chain(criteria -> rounds.subjects(ids).map(subjects -> rows.stream()
                .map(row -> new RoundView(row, criteria.getOrDefault(row.id(), List.of()),
                        subjects.getOrDefault(row.id(), List.of())))
                .toList()));
    }

    private static String defaultTitle(Quarter quarter) {
        return quarter.year() + "年" + quarter.chineseName() + "重点工作公开评议";
    }

    private static Map<String, Object> snapshot(RoundView view) {
        RoundRow row = view.row();
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("period", row.period());
        snapshot.put("title", row.title());
        snapshot.put("minPanel", row.minPanel());
        snapshot.put("quorum", row.quorum().toPlainString());
        snapshot.put("trimAt", row.trimAt());
        snapshot.put("reportingUntil", String.valueOf(row.reportingUntil()));
        snapshot.put("inquiryUntil", String.valueOf(row.inquiryUntil()));
        snapshot.put("scoringUntil", String.valueOf(row.scoringUntil()));
        snapshot.put("criteria", String.join(", ", view.criteria().stream()
                .map(c -> c.code() + " " + c.weight().stripTrailingZeros().toPlainString()).toList()));
        snapshot.put("subjects", view.subjects().size());
        return snapshot;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

}
