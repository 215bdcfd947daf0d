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
import cn.keywork.supervision.slip.domain.SlipAction;
import cn.keywork.supervision.slip.domain.SlipDraft;
import cn.keywork.supervision.slip.domain.SlipEvents;
import cn.keywork.supervision.slip.domain.SlipFilter;
import cn.keywork.supervision.slip.domain.SlipOutcome;
import cn.keywork.supervision.slip.domain.SlipParties;
import cn.keywork.supervision.slip.domain.SlipPolicy;
import cn.keywork.supervision.slip.domain.SlipRow;
import cn.keywork.supervision.slip.domain.SlipScope;
import cn.keywork.supervision.slip.domain.SlipStatus;
import cn.keywork.supervision.slip.domain.SlipType;
import cn.keywork.supervision.slip.domain.SlipView;
import cn.keywork.supervision.slip.repository.SlipRepository;
import cn.keywork.supervision.slip.repository.SlipRepository.Clockwork;
import cn.keywork.supervision.slip.repository.SlipRepository.SlipTask;
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
            SupervisionConfig config,
            @ConfigProperty(name = "supervision.slips.prefix.assignment", defaultValue = "督交") String assignmentPrefix,
            @ConfigProperty(name = "supervision.slips.prefix.urging", defaultValue = "督催") String urgingPrefix,
            @ConfigProperty(name = "supervision.slips.prefix.supervision", defaultValue = "督办") String supervisionPrefix,
            @ConfigProperty(name = "supervision.slips.acknowledge-within-hours", defaultValue = "48") int acknowledgeHours,
            @ConfigProperty(name = "supervision.slips.evidence-months", defaultValue = "3") int evidenceMonths,
            @ConfigProperty(name = "supervision.slips.copy-roles", defaultValue = "ASSESSMENT,LEADING_GROUP") List<Role> copyRoles) {
        this.slips = slips;
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

    /** The roles supervision orders are copied to ({@code supervision.slips.copy-roles}). */
    public Set<Role> copyRoles() {
        return Set.copyOf(copyRoles);
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

    /** Drafts a slip: checks its task, sub-item and units, and snapshots the evidence. */
    @WithTransaction
    public Uni<SlipView> create(SlipDraft draft) {
        Actor actor = RequestScope.actor();
        requireOffice(actor);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        return checked(draft).chain(task -> {
            List<UUID> targets = draft.targetUnitIds() == null ? List.of(task.leadUnitId()) : draft.targetUnitIds();
            List<UUID> copies = copies(targets, draft.copyToUnitIds());
            return evidence(task.id(), id, now).chain(evidence -> slips.insert(id, draft.type(),
                    now.atZone(zone).getYear(), task.id(), draft.subItemId(), draft.requirements(),
                    draft.responseDeadline(), draft.overrideReason(),
                    draft.overrideReason() == null ? null : actor.userId(), evidence, actor.userId(), now))
                    .chain(() -> slips.replaceUnits(id, targets, copies))
                    .call(() -> audit.record(AuditEntry.success("SLIP_DRAFTED", SlipEvents.OBJECT_TYPE, id,
                            AuditChanges.between(Map.of(), content(draft, targets, copies)))))
                    .call(() -> events.append(event(EventTypes.SLIP_DRAFTED, id, draft.type(), null, task, targets)));
        }).chain(() -> visible(id, false)).chain(this::view);
    }

    /** Replaces a draft's content and takes the evidence again. */
    @WithTransaction
    public Uni<SlipView> update(UUID id, long expectedVersion, SlipDraft draft) {
        Actor actor = RequestScope.actor();
        requireOffice(actor);
        Instant now = clock.instant();
        return visible(id, true).chain(row -> {
            ETags.check(expectedVersion, row.version(), "slip");
            SlipPolicy.requireEditable(row.status());
            return checked(draft).chain(task -> {
                List<UUID> targets = draft.targetUnitIds() == null ? List.of(task.leadUnitId()) : draft.targetUnitIds();
                List<UUID> copies = copies(targets, draft.copyToUnitIds());
                return evidence(task.id(), id, now).chain(evidence -> slips.updateDraft(id, draft.type(), task.id(),
                        draft.subItemId(), draft.requirements(), draft.responseDeadline(), draft.overrideReason(),
                        draft.overrideReason() == null ? null : actor.userId(), evidence, now))
                        .chain(() -> slips.replaceUnits(id, targets, copies))
                        .call(() -> audit.record(AuditEntry.success("SLIP_UPDATED", SlipEvents.OBJECT_TYPE, id,
                                AuditChanges.between(before(row), content(draft, targets, copies)))));
            });
        }).chain(() -> visible(id, false)).chain(this::view);
    }

    /** Makes a move: who may, from where, with what; numbering at issue. */
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
            Map<String, Object> stamps = new LinkedHashMap<>();
            Uni<Void> effect = Uni.createFrom().voidItem();
            String[] number = { row.number() };
            switch (action) {
                case APPROVE -> {
                    stamps.put("approved_by", actor.userId());
                    stamps.put("approved_at", now);
                }
                case ISSUE -> {
                    int year = now.atZone(zone).getYear();
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
                default -> {
                    // SUBMIT_FOR_APPROVAL, REJECT, WITHDRAW, ESCALATE change the status alone
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
                        return audit.record(AuditEntry.success("SLIP_" + action.name(), SlipEvents.OBJECT_TYPE, id,
                                AuditChanges.between(before, after)));
                    })
                    .call(() -> {
                        String type = eventType(action);
                        return type == null ? Uni.createFrom().voidItem()
                                : events.append(event(type, id, row.type(), number[0], task, row.targetUnitIds()));
                    });
        })).chain(() -> visible(id, false)).chain(this::view);
    }

    private static String eventType(SlipAction action) {
        return switch (action) {
            case APPROVE -> EventTypes.SLIP_APPROVED;
            case ISSUE -> EventTypes.SLIP_ISSUED;
            case ACKNOWLEDGE -> EventTypes.SLIP_ACKNOWLEDGED;
            case RESPOND -> EventTypes.SLIP_RESPONDED;
            case RETURN_RESPONSE -> EventTypes.SLIP_RETURNED;
            case CLOSE -> EventTypes.SLIP_CLOSED;
            default -> null;
        };
    }

    /** The event of a slip: its type, number and task; no personal data. */
    private static DomainEvent event(String eventType, UUID id, SlipType type, String number, SlipTask task,
            List<UUID> units) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("slipType", type.name());
        if (number != null) {
            payload.put("number", number);
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

    private static Map<String, Object> content(SlipDraft draft, List<UUID> targets, List<UUID> copies) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("type", draft.type().name());
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

    /**
     * The evidence as it stands now: the task's latest monthly figures, its months without an
     * accepted report or with a late one, and its earlier slips with their outcomes.
     */
    private Uni<String> evidence(UUID taskId, UUID slipId, Instant now) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("takenAt", now.atZone(zone).toOffsetDateTime().toString());
        return slips.figures(taskId, evidenceMonths).invoke(rows -> evidence.put("months", rows.stream().map(r -> {
            Map<String, Object> month = new LinkedHashMap<>();
            month.put("period", r[0]);
            month.put("planned", r[1]);
            month.put("actual", r[2]);
            month.put("lag", r[3]);
            month.put("light", r[4]);
            return month;
        }).toList())).chain(() -> slips.missedReports(taskId, EVIDENCE_REPORTS)).invoke(rows -> evidence.put("reports",
                rows.stream().map(r -> {
                    Map<String, Object> report = new LinkedHashMap<>();
                    report.put("period", r[0]);
                    if (r[1] != null) {
                        report.put("status", r[1]);
                    }
                    report.put("late", r[2]);
                    return report;
                }).toList()))
                .chain(() -> slips.earlierSlips(taskId, slipId, EVIDENCE_SLIPS)).map(rows -> {
                    evidence.put("earlierSlips", rows.stream().map(r -> {
                        Map<String, Object> slip = new LinkedHashMap<>();
                        slip.put("id", r[0].toString());
                        slip.put("type", r[1]);
                        if (r[2] != null) {
                            slip.put("number", r[2]);
                        }
                        slip.put("status", r[3]);
                        if (r[4] != null) {
                            slip.put("outcome", r[4]);
                        }
                        if (r[5] != null) {
                            slip.put("issuedAt", ((Instant) r[5]).atZone(zone).toOffsetDateTime().toString());
                        }
                        return slip;
                    }).toList());
                    try {
                        return json.writeValueAsString(evidence);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("Slip evidence is not JSON", e);
                    }
                });
    }
}
