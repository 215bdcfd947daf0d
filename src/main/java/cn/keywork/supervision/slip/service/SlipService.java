package cn.keywork.supervision.slip.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.RuleViolation;
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
import cn.keywork.supervision.progress.lights.domain.Thresholds;
import cn.keywork.supervision.progress.lights.service.ProgressFigures;
import cn.keywork.supervision.slip.domain.RuleFacts;
import cn.keywork.supervision.slip.domain.SlipAction;
import cn.keywork.supervision.slip.domain.SlipDraft;
import cn.keywork.supervision.slip.domain.SlipEvents;
import cn.keywork.supervision.slip.domain.SlipFilter;
import cn.keywork.supervision.slip.domain.SlipOutcome;
import cn.keywork.supervision.slip.domain.SlipParties;
import cn.keywork.supervision.slip.domain.SlipPolicy;
import cn.keywork.supervision.slip.domain.SlipRow;
import cn.keywork.supervision.slip.domain.SlipRule;
import cn.keywork.supervision.slip.domain.SlipRules;
import cn.keywork.supervision.slip.domain.SlipScope;
import cn.keywork.supervision.slip.domain.SlipStatus;
import cn.keywork.supervision.slip.domain.SlipType;
import cn.keywork.supervision.slip.domain.SlipView;
import cn.keywork.supervision.slip.repository.SlipRepository;
import cn.keywork.supervision.slip.repository.SlipRepository.Clockwork;
import cn.keywork.supervision.slip.repository.SlipRepository.SlipTask;
import cn.keywork.supervision.slip.repository.SlipRepository.Snapshot;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The office's slips (R7–R9): drafted with a snapshot of the evidence, moved through one
 * transition function ({@link SlipPolicy}), numbered gaplessly per type and year at issue.
 * Every change is audited and its domain event appended in the same transaction.
 */
@ApplicationScoped
public class SlipService {

    private static final int EVIDENCE_REPORTS = 12;
    private static final int EVIDENCE_SLIPS = 20;

    private final SlipRepository slips;
    private final ProgressFigures figures;
    private final AuditTrail audit;
    private final DomainEventLog events;
    private final Clock clock;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final Map<SlipType, String> prefixes;
    private final int acknowledgeHours;
    private final int evidenceMonths;
    private final Set<Role> copyRoles;

    SlipService(SlipRepository slips, AuditTrail audit, DomainEventLog events, Clock clock, ObjectMapper json,
            SupervisionConfig config, ProgressFigures figures,
            @ConfigProperty(name = "supervision.slips.prefix.assignment", defaultValue = "督交") String assignmentPrefix,
            @ConfigProperty(name = "supervision.slips.prefix.urging", defaultValue = "督催") String urgingPrefix,
            @ConfigProperty(name = "supervision.slips.prefix.supervision", defaultValue = "督办") String supervisionPrefix,
            @ConfigProperty(name = "supervision.slips.acknowledge-within-hours", defaultValue = "48") int acknowledgeHours,
            @ConfigProperty(name = "supervision.slips.evidence-months", defaultValue = "3") int evidenceMonths,
            @ConfigProperty(name = "supervision.slips.copy-roles", defaultValue = "ASSESSMENT,LEADING_GROUP") List<Role> copyRoles) {
        this.slips = slips;
        this.figures = figures;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.json = json;
        this.zone = config.timeZone();
        this.prefixes = Map.of(SlipType.ASSIGNMENT, assignmentPrefix, SlipType.URGING, urgingPrefix,
                SlipType.SUPERVISION, supervisionPrefix);
        this.acknowledgeHours = acknowledgeHours;
        this.evidenceMonths = evidenceMonths;
        this.copyRoles = copyRoles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(copyRoles);
    }

    /** The official number: {@code 督催〔2026〕3号}. */
    public String number(SlipType type, int year, int serial) {
        return prefixes.get(type) + "〔" + year + "〕" + serial + "号";
    }

    private Clockwork clockwork() {
        Instant now = clock.instant();
        return new Clockwork(now, now.atZone(zone).toLocalDate(), acknowledgeHours);
    }

    private SlipScope scope() {
        return SlipScope.of(RequestScope.actor(), copyRoles);
    }

    @WithSession
    public Uni<Page<SlipRow>> list(SlipFilter filter, PageRequest page) {
        SlipScope scope = scope();
        Clockwork now = clockwork();
        return slips.list(filter, scope, now, page.size(), page.offset())
                .chain(rows -> slips.count(filter, scope, now).map(total -> new Page<>(rows, page, total)));
    }

    @WithSession
    public Uni<SlipView> get(UUID id) {
        return visible(id, false).chain(this::view);
    }

    private Uni<SlipRow> visible(UUID id, boolean lock) {
        return slips.slip(id, scope(), clockwork(), lock)
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.SLIP_NOT_FOUND, id));
    }

    private Uni<SlipView> view(SlipRow row) {
        return slips.responses(row.id()).chain(responses -> slips.moves(row.id())
                .map(moves -> new SlipView(row, responses, moves)));
    }

    /** Drafts a slip: checks its task, sub-item and units and the rule it rests on (R7–R9), and snapshots the evidence. */
    @WithTransaction
    public Uni<SlipView> create(SlipDraft draft) {
        Actor actor = RequestScope.actor();
        requireOffice(actor);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        return checked(draft).chain(task -> facts(task.id(), draft.subItemId(), null).chain(facts -> {
            SlipRule rule = SlipRules.judge(draft.type(), facts, draft.overrideReason(), clockwork().today());
            UUID basis = rule == SlipRule.R9 ? facts.urging().id() : null;
            List<UUID> targets = draft.targetUnitIds() == null ? List.of(task.leadUnitId()) : draft.targetUnitIds();
            List<UUID> copies = copies(targets, draft.copyToUnitIds());
            return slips.insert(id, draft.type(), now.atZone(zone).getYear(), task.id(), draft.subItemId(),
                    draft.requirements(), draft.responseDeadline(), draft.overrideReason(),
                    draft.overrideReason() == null ? null : actor.userId(), rule, basis, snapshot(now), actor.userId(), now)
                    .chain(() -> slips.replaceUnits(id, targets, copies))
                    .call(() -> audit.record(AuditEntry.success("SLIP_DRAFTED", SlipEvents.OBJECT_TYPE, id,
                            AuditChanges.between(Map.of(), content(draft, targets, copies, rule)))))
                    .call(() -> events.append(event(EventTypes.SLIP_DRAFTED, id, draft.type(), null, task, targets, rule)));
        })).chain(() -> visible(id, false)).chain(this::view);
    }

    /** Replaces a draft's content, judges its rule again and takes the evidence again. */
    @WithTransaction
    public Uni<SlipView> update(UUID id, long expectedVersion, SlipDraft draft) {
        Actor actor = RequestScope.actor();
        requireOffice(actor);
        Instant now = clock.instant();
        return visible(id, true).chain(row -> {
            ETags.check(expectedVersion, row.version(), "slip");
            SlipPolicy.requireEditable(row.status());
            return checked(draft).chain(task -> facts(task.id(), draft.subItemId(),
                    task.id().equals(row.taskId()) ? row.proposalPeriod() : null).chain(facts -> {
                        SlipRule rule = SlipRules.judge(draft.type(), facts, draft.overrideReason(), clockwork().today());
                        UUID basis = rule == SlipRule.R9 ? facts.urging().id() : null;
                        List<UUID> targets = draft.targetUnitIds() == null ? List.of(task.leadUnitId())
                                : draft.targetUnitIds();
                        List<UUID> copies = copies(targets, draft.copyToUnitIds());
                        return slips.updateDraft(id, draft.type(), task.id(), draft.subItemId(), draft.requirements(),
                                draft.responseDeadline(), draft.overrideReason(),
                                draft.overrideReason() == null ? null : actor.userId(), rule, basis, snapshot(now), now)
                                .chain(() -> slips.replaceUnits(id, targets, copies))
                                .call(() -> audit.record(AuditEntry.success("SLIP_UPDATED", SlipEvents.OBJECT_TYPE, id,
                                        AuditChanges.between(before(row), content(draft, targets, copies, rule)))));
                    }));
        }).chain(() -> visible(id, false)).chain(this::view);
    }

    /** The facts the rules judge on, in {@code period} or else the latest closed month. */
    private Uni<RuleFacts> facts(UUID taskId, UUID subItemId, String period) {
        Uni<String> month = period != null ? Uni.createFrom().item(period) : slips.latestClosedMonth();
        return month.chain(judged -> slips.facts(taskId, subItemId, judged, clockwork().today(), category -> {
            Thresholds thresholds = figures.rules().of(category);
            return new java.math.BigDecimal[] { thresholds.yellowLag(), thresholds.redLag() };
        })).onItem().ifNull().failWith(() -> new NotFound(DomainMessage.TASK_NOT_FOUND, taskId));
    }

    private Snapshot snapshot(Instant now) {
        return new Snapshot(now.atZone(zone).toOffsetDateTime().toString(), evidenceMonths);
    }

    /**
     * Makes a move: who may, from where, with what. The rules are judged again at decision time:
     * an assignment or urging slip when issued (unless overridden), a supervision order when
     * submitted, approved and issued. Issuing numbers the slip and records the lag it was issued
     * on; issuing a supervision order escalates the urging slip it rests on and appends the
     * deduction basis against its target units.
     */
    @WithTransaction
    public Uni<SlipView> transition(UUID id, long expectedVersion, SlipAction action, String comment,
            SlipOutcome outcome) {
        Actor actor = RequestScope.actor();
        SlipPolicy.requireMayAttempt(action, comment, outcome, actor);
        Instant now = clock.instant();
        return visible(id, true).chain(row -> slips.task(row.taskId()).chain(task -> {
            ETags.check(expectedVersion, row.version(), "slip");
            SlipPolicy.requireMayMake(action, new SlipParties(task.leaderInChargeId(), Set.copyOf(row.targetUnitIds())),
                    actor);
            SlipStatus next = SlipPolicy.after(row.state(), action);
            boolean judged = action == SlipAction.ISSUE || row.type() == SlipType.SUPERVISION
                    && (action == SlipAction.SUBMIT_FOR_APPROVAL || action == SlipAction.APPROVE);
            Uni<RuleFacts> facts = judged ? facts(row.taskId(), row.subItemId(), row.proposalPeriod())
                    : Uni.createFrom().nullItem();
            return facts.chain(found -> decide(row, task, action, next, comment, outcome, found, actor, now));
        })).chain(() -> visible(id, false)).chain(this::view);
    }

    private Uni<Void> decide(SlipRow row, SlipTask task, SlipAction action, SlipStatus next, String comment,
            SlipOutcome outcome, RuleFacts facts, Actor actor, Instant now) {
        UUID id = row.id();
        Map<String, Object> stamps = new LinkedHashMap<>();
        if (facts != null) {
            SlipRule rule = SlipRules.judge(row.type(), facts, row.type() == SlipType.SUPERVISION ? null : row.overrideReason(),
                    clockwork().today());
            stamps.put("rule", rule.name());
            if (rule == SlipRule.R9) {
                stamps.put("basis_slip_id", facts.urging().id());
            }
        }
        Uni<Void> effect = Uni.createFrom().voidItem();
        String[] number = { row.number() };
        switch (action) {
            case APPROVE -> {
                stamps.put("approved_by", actor.userId());
                stamps.put("approved_at", now);
            }
            case ISSUE -> {
                int year = now.atZone(zone).getYear();
                stamps.put("lag_at_issue", facts.lag());
                stamps.put("light_at_issue", facts.light());
                effect = slips.nextNumber(row.type(), year).invoke(serial -> {
                    number[0] = number(row.type(), year, serial);
                    stamps.put("serial", serial);
                    stamps.put("number", number[0]);
                    stamps.put("year", year);
                    stamps.put("issued_by", actor.userId());
                    stamps.put("issued_at", now);
                }).replaceWithVoid();
            }
            case ACKNOWLEDGE -> stamps.put("acknowledged_at", now);
            case RESPOND -> {
                stamps.put("response_accepted", false);
                effect = slips.insertResponse(id, actor.unitId(), comment, actor.userId(), now);
            }
            case RETURN_RESPONSE -> effect = slips.decideLatestResponse(id, "RETURNED", comment, actor.userId(), now);
            case ACCEPT_RESPONSE -> {
                stamps.put("response_accepted", true);
                effect = slips.decideLatestResponse(id, "ACCEPTED", comment, actor.userId(), now);
            }
            case CLOSE -> {
                stamps.put("outcome", outcome.name());
                stamps.put("closed_at", now);
            }
            case ESCALATE -> effect = slips.latestIssuedOrder(row.taskId()).invoke(order -> {
                if (order == null) {
                    throw new RuleViolation(DomainMessage.SLIP_ESCALATE_NEEDS_ORDER);
                }
                stamps.put("superseded_by", order);
            }).replaceWithVoid();
            default -> {
                // SUBMIT_FOR_APPROVAL, REJECT, WITHDRAW change the status alone
            }
        }
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("status", row.status().name());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", next.name());
        return effect.chain(() -> slips.move(id, next, stamps, now))
                .chain(() -> slips.insertMove(id, action, row.status(), next, comment, outcome, actor.userId(),
                        actor.unitId(), now))
                .call(() -> {
                    if (number[0] != null) {
                        after.put("number", number[0]);
                    }
                    if (outcome != null) {
                        after.put("outcome", outcome.name());
                    }
                    if (stamps.containsKey("superseded_by")) {
                        after.put("supersededBy", stamps.get("superseded_by").toString());
                    }
                    return audit.record(AuditEntry.success("SLIP_" + action.name(), SlipEvents.OBJECT_TYPE, id,
                            AuditChanges.between(before, after)));
                })
                .call(() -> {
                    String type = eventType(action);
                    return type == null ? Uni.createFrom().voidItem()
                            : events.append(event(type, id, row.type(), number[0], task, row.targetUnitIds(), null));
                })
                .call(() -> action == SlipAction.ISSUE && row.type() == SlipType.SUPERVISION
                        ? ordered(row, task, number[0], facts, actor, now)
                        : Uni.createFrom().voidItem());
    }

    /**
     * What issuing a supervision order sets off (R9): the urging slip it rests on, when still
     * open, is escalated to it; and the deduction basis against its target units is appended.
     */
    private Uni<Void> ordered(SlipRow order, SlipTask task, String number, RuleFacts facts, Actor actor, Instant now) {
        UUID basisId = facts.urging().id();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("slipType", SlipType.SUPERVISION.name());
        payload.put("number", number);
        payload.put("taskId", task.id().toString());
        if (task.code() != null) {
            payload.put("code", task.code());
        }
        payload.put("rule", SlipRule.R9.name());
        payload.put("basis", "SUPERVISION_ORDER_ISSUED");
        payload.put("urgingSlipId", basisId.toString());
        if (facts.urging().number() != null) {
            payload.put("urgingNumber", facts.urging().number());
        }
        return slips.slip(basisId, new SlipScope(SlipScope.Kind.ALL, null), clockwork(), true).chain(urging -> {
            if (urging == null || !SlipPolicy.allowed(urging.state()).contains(SlipAction.ESCALATE)) {
                return Uni.createFrom().voidItem();
            }
            Map<String, Object> stamps = new LinkedHashMap<>();
            stamps.put("superseded_by", order.id());
            String comment = "由督办单 " + number + " 替代";
            return slips.move(basisId, SlipStatus.ESCALATED, stamps, now)
                    .chain(() -> slips.insertMove(basisId, SlipAction.ESCALATE, urging.status(), SlipStatus.ESCALATED,
                            comment, null, actor.userId(), actor.unitId(), now))
                    .call(() -> audit.record(AuditEntry.success("SLIP_ESCALATE", SlipEvents.OBJECT_TYPE, basisId,
                            AuditChanges.between(Map.of("status", urging.status().name()),
                                    Map.of("status", SlipStatus.ESCALATED.name(), "supersededBy", order.id().toString())))))
                    .call(() -> events.append(event(EventTypes.SLIP_ESCALATED, basisId, SlipType.URGING, urging.number(),
                            task, urging.targetUnitIds(), null)));
        }).call(() -> events.append(DomainEvent.of(EventTypes.SLIP_DEDUCTION_BASIS, SlipEvents.OBJECT_TYPE, order.id(),
                order.targetUnitIds(), facts.period(), payload))).replaceWithVoid();
    }

    private static String eventType(SlipAction action) {
        return switch (action) {
            case APPROVE -> EventTypes.SLIP_APPROVED;
            case ISSUE -> EventTypes.SLIP_ISSUED;
            case ACKNOWLEDGE -> EventTypes.SLIP_ACKNOWLEDGED;
            case RESPOND -> EventTypes.SLIP_RESPONDED;
            case RETURN_RESPONSE -> EventTypes.SLIP_RETURNED;
            case CLOSE -> EventTypes.SLIP_CLOSED;
            case ESCALATE -> EventTypes.SLIP_ESCALATED;
            default -> null;
        };
    }

    /** The event of a slip: its type, number and task; no personal data. */
    private static DomainEvent event(String eventType, UUID id, SlipType type, String number, SlipTask task,
            List<UUID> units, SlipRule rule) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("slipType", type.name());
        if (number != null) {
            payload.put("number", number);
        }
        if (rule != null) {
            payload.put("rule", rule.name());
        }
        payload.put("taskId", task.id().toString());
        if (task.code() != null) {
            payload.put("code", task.code());
        }
        return DomainEvent.of(eventType, SlipEvents.OBJECT_TYPE, id, units, null, payload);
    }

    private static void requireOffice(Actor actor) {
        if (!SlipPolicy.isOffice(actor)) {
            throw new NotPermitted(DomainMessage.SLIP_OFFICE_ONLY, "draft");
        }
    }

    /** The task of a draft, once its sub-item, units and deadline are checked. */
    private Uni<SlipTask> checked(SlipDraft draft) {
        if (draft.responseDeadline().isBefore(clockwork().today())) {
            throw InvalidInput.of("responseDeadline", InvalidInput.Reason.RANGE, DomainMessage.SLIP_DEADLINE_PAST,
                    draft.responseDeadline());
        }
        return slips.task(draft.taskId())
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.TASK_NOT_FOUND, draft.taskId()))
                .call(task -> draft.subItemId() == null ? Uni.createFrom().voidItem()
                        : slips.subItemOf(task.id(), draft.subItemId()).invoke(found -> {
                            if (!found) {
                                throw new NotFound(DomainMessage.SUB_ITEM_NOT_FOUND, draft.subItemId());
                            }
                        }))
                .call(task -> {
                    List<UUID> named = new ArrayList<>();
                    if (draft.targetUnitIds() != null) {
                        named.addAll(draft.targetUnitIds());
                    }
                    named.addAll(draft.copyToUnitIds());
                    return slips.existingUnits(named).invoke(found -> {
                        if (draft.targetUnitIds() != null) {
                            draft.targetUnitIds().stream().filter(unit -> !found.contains(unit)).findFirst()
                                    .ifPresent(unit -> {
                                        throw InvalidInput.of("targetUnitIds", InvalidInput.Reason.NOT_FOUND,
                                                DomainMessage.SLIP_UNIT_UNKNOWN, unit);
                                    });
                        }
                        draft.copyToUnitIds().stream().filter(unit -> !found.contains(unit)).findFirst()
                                .ifPresent(unit -> {
                                    throw InvalidInput.of("copyToUnitIds", InvalidInput.Reason.NOT_FOUND,
                                            DomainMessage.SLIP_UNIT_UNKNOWN, unit);
                                });
                    });
                });
    }

    /** Copies go to units not addressed already. */
    private static List<UUID> copies(List<UUID> targets, List<UUID> copyTo) {
        Set<UUID> copies = new LinkedHashSet<>(copyTo);
        copies.removeAll(targets);
        return List.copyOf(copies);
    }

    private static Map<String, Object> content(SlipDraft draft, List<UUID> targets, List<UUID> copies, SlipRule rule) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("type", draft.type().name());
        content.put("rule", rule.name());
        content.put("taskId", draft.taskId().toString());
        if (draft.subItemId() != null) {
            content.put("subItemId", draft.subItemId().toString());
        }
        content.put("targetUnitIds", targets.stream().map(UUID::toString).toList());
        content.put("copyToUnitIds", copies.stream().map(UUID::toString).toList());
        content.put("requirements", draft.requirements());
        content.put("responseDeadline", draft.responseDeadline().toString());
        if (draft.overrideReason() != null) {
            content.put("override", draft.overrideReason());
        }
        return content;
    }

    private static Map<String, Object> before(SlipRow row) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("type", row.type().name());
        if (row.rule() != null) {
            content.put("rule", row.rule().name());
        }
        content.put("taskId", row.taskId().toString());
        if (row.subItemId() != null) {
            content.put("subItemId", row.subItemId().toString());
        }
        content.put("targetUnitIds", row.targetUnitIds().stream().map(UUID::toString).toList());
        content.put("copyToUnitIds", row.copyToUnitIds().stream().map(UUID::toString).toList());
        content.put("requirements", row.requirements());
        content.put("responseDeadline", row.responseDeadline().toString());
        if (row.overrideReason() != null) {
            content.put("override", row.overrideReason());
        }
        return content;
    }
}
