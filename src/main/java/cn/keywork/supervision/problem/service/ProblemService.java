package cn.keywork.supervision.problem.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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
import cn.keywork.supervision.problem.domain.NewProblem;
import cn.keywork.supervision.problem.domain.ProblemAction;
import cn.keywork.supervision.problem.domain.ProblemEvents;
import cn.keywork.supervision.problem.domain.ProblemFilter;
import cn.keywork.supervision.problem.domain.ProblemMove;
import cn.keywork.supervision.problem.domain.ProblemPolicy;
import cn.keywork.supervision.problem.domain.ProblemRow;
import cn.keywork.supervision.problem.domain.ProblemSource;
import cn.keywork.supervision.problem.domain.ProblemStatus;
import cn.keywork.supervision.problem.domain.ProblemTask;
import cn.keywork.supervision.problem.domain.ProblemView;
import cn.keywork.supervision.problem.repository.ProblemRepository;
import cn.keywork.supervision.progress.domain.ReportStatus;
import cn.keywork.supervision.progress.service.ReportAccess;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Problems (R6, R10): raised by the office or a unit of the task, or from a report's coordination
 * request; assigned by the office, answered by the assigned units, closed or reported to the city
 * leaders. Every change is audited and logged as a domain event in its transaction; events name
 * units, never people.
 */
@ApplicationScoped
public class ProblemService {

    /** Days a problem raised from a coordination request is given when no deadline is sent. */
    static final int DEFAULT_DAYS = 15;

    private final ProblemRepository problems;
    private final ReportAccess reports;
    private final AuditTrail audit;
    private final DomainEventLog events;
    private final Clock clock;
    private final ZoneId zone;

    ProblemService(ProblemRepository problems, ReportAccess reports, AuditTrail audit, DomainEventLog events, Clock clock,
            SupervisionConfig config) {
        this.problems = problems;
        this.reports = reports;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.zone = config.timeZone();
    }

    /** What {@link #fromRequest} did: the problem and whether it was raised now. */
    public record Raised(ProblemView problem, boolean created) {
    }

    @WithSession
    public Uni<Page<ProblemView>> list(ProblemFilter filter, PageRequest page) {
        var scope = RequestScope.actor().unitScope();
        return problems.list(filter, scope, page.size(), page.offset())
                .chain(rows -> problems.answers(rows.stream().map(ProblemRow::id).toList())
                        .map(answers -> rows.stream()
                                .map(row -> new ProblemView(row, answers.getOrDefault(row.id(), List.of()))).toList()))
                .chain(views -> problems.count(filter, scope).map(total -> new Page<>(views, page, total)));
    }

    @WithSession
    public Uni<ProblemView> get(UUID problemId) {
        return visible(problemId, false).chain(this::view);
    }

    /** Raises a problem found in supervision (the office) or by a unit of the task. */
    @WithTransaction
    public Uni<ProblemView> create(NewProblem input) {
        Actor actor = RequestScope.actor();
        return problems.task(input.taskId(), actor.unitScope())
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.TASK_NOT_FOUND, input.taskId()))
                .chain(task -> {
                    ProblemPolicy.requireMayRaise(task, input, actor);
                    List<UUID> units = input.assignedUnitIds() == null ? List.of() : input.assignedUnitIds();
                    if (!units.isEmpty() && input.deadline() == null || units.isEmpty() && input.deadline() != null) {
                        throw InvalidInput.of(units.isEmpty() ? "assignedUnitIds" : "deadline", InvalidInput.Reason.REQUIRED,
                                DomainMessage.PROBLEM_ASSIGNMENT_REQUIRED);
                    }
                    requireFuture(input.deadline());
                    Uni<Void> checks = input.subItemId() == null ? Uni.createFrom().voidItem()
                            : problems.subItemOf(task.id(), input.subItemId()).invoke(found -> {
                                if (!found) {
                                    throw InvalidInput.of("subItemId", InvalidInput.Reason.NOT_FOUND,
                                            DomainMessage.PROBLEM_SUB_ITEM_NOT_IN_TASK, input.subItemId());
                                }
                            }).replaceWithVoid();
                    return checks.chain(() -> requireUnits(units)).chain(() -> {
                        Instant now = clock.instant();
                        boolean office = ProblemPolicy.isOffice(actor);
                        ProblemRow row = new ProblemRow(UUID.randomUUID(), task.id(), input.subItemId(), input.description(),
                                office, office ? null : actor.unitId(), ProblemSource.SUPERVISION, null, null, units,
                                input.deadline(), units.isEmpty() ? ProblemStatus.OPEN : ProblemStatus.ASSIGNED, null, 1,
                                now, now);
                        return raise(task, row, actor);
                    });
                });
    }

    /**
     * Turns a submitted report's coordination request into a problem assigned to the units it asked;
     * the same request again finds the problem raised the first time.
     */
    @WithTransaction
    public Uni<Raised> fromRequest(UUID taskId, String period, int index, LocalDate deadline) {
        Actor actor = RequestScope.actor();
        return problems.task(taskId, actor.unitScope())
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.TASK_NOT_FOUND, taskId))
                .invoke(task -> requireFuture(deadline))
                .chain(task -> reports.readable(taskId, period)
                        .chain(report -> {
                            if (report.status() == ReportStatus.DRAFT) {
                                throw new Conflict(DomainMessage.PROBLEM_REPORT_DRAFT, period);
                            }
                            return reports.coordinationRequest(report, index);
                        })
                        .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.PROBLEM_REQUEST_NOT_FOUND,
                                taskId + " " + period + " " + index))
                        .chain(request -> problems.fromRequest(taskId, period, index).chain(existing -> {
                            if (existing != null) {
                                return view(existing).map(view -> new Raised(view, false));
                            }
                            Instant now = clock.instant();
                            LocalDate due = deadline != null ? deadline : LocalDate.now(clock.withZone(zone)).plusDays(DEFAULT_DAYS);
                            ProblemRow row = new ProblemRow(UUID.randomUUID(), taskId, null, request.description(), false,
                                    task.leadUnitId(), ProblemSource.COORDINATION_REQUEST, period, index, request.unitIds(),
                                    due, ProblemStatus.ASSIGNED, null, 1, now, now);
                            return raise(task, row, actor).map(view -> new Raised(view, true))
                                    // another call raised it first: answer that one
                                    .onFailure(Conflict.class).recoverWithUni(() -> problems.fromRequest(taskId, period, index)
                                            .chain(this::view).map(view -> new Raised(view, false)));
                        })));
    }

    /** Opens the problem a joint meeting's decision calls for, raised by whoever convened it. */
    Uni<UUID> openFromMeeting(ProblemTask task, String description, List<UUID> units, LocalDate deadline, Actor actor) {
        Instant now = clock.instant();
        boolean office = ProblemPolicy.isOffice(actor);
        ProblemRow row = new ProblemRow(UUID.randomUUID(), task.id(), null, description, office,
                office ? null : actor.unitId(), ProblemSource.JOINT_MEETING, null, null, units, deadline,
                ProblemStatus.ASSIGNED, null, 1, now, now);
        return raise(task, row, actor).map(view -> view.row().id());
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    private Uni<ProblemView> raise(ProblemTask task, ProblemRow row, Actor actor) {
        return problems.insert(row, actor.userId()).invoke(inserted -> {
            if (!inserted) {
                throw new Conflict(DomainMessage.PROBLEM_MOVE_NOT_ALLOWED, row.status(), "RAISE", "");
            }
        }).call(() -> audit.record(AuditEntry.success("PROBLEM_RAISED", ProblemEvents.OBJECT_TYPE, row.id(),
                AuditChanges.created(snapshot(row)))))
                .call(() -> events.append(event(EventTypes.PROBLEM_RAISED, task, row)))
                .call(() -> row.status() == ProblemStatus.ASSIGNED
                        ? events.append(event(EventTypes.PROBLEM_ASSIGNED, task, row))
                        : Uni.createFrom().voidItem())
                .map(ignored -> new ProblemView(row, List.of()));
    }

    /** One move: ASSIGN, CLOSE or REPORT_TO_LEADERS by the office; ANSWER by an assigned unit. */
    @WithTransaction
    public Uni<ProblemView> transition(UUID problemId, long expectedVersion, ProblemMove move) {
        Actor actor = RequestScope.actor();
        return visible(problemId, true).chain(row -> {
            ProblemPolicy.requireMayAttempt(move, actor);
            ETags.check(expectedVersion, row.version(), "problem");
            if (move.action() == ProblemAction.ANSWER) {
                ProblemPolicy.requireMayAnswer(row, actor);
            }
            ProblemStatus next = ProblemPolicy.after(row.status(), move.action());
            if (move.action() == ProblemAction.ASSIGN) {
                requireFuture(move.deadline());
            }
            Uni<Void> units = move.action() == ProblemAction.ASSIGN ? requireUnits(move.assignedUnitIds())
                    : Uni.createFrom().voidItem();
            return units.chain(() -> problems.task(row.taskId(), java.util.Optional.empty()))
                    .chain(task -> apply(task, row, next, move, actor));
        });
    }

    private Uni<ProblemView> apply(ProblemTask task, ProblemRow row, ProblemStatus next, ProblemMove move, Actor actor) {
        Instant now = clock.instant();
        boolean assign = move.action() == ProblemAction.ASSIGN;
        boolean answer = move.action() == ProblemAction.ANSWER;
        ProblemRow moved = row.moved(next, assign ? move.assignedUnitIds() : row.assignedUnitIds(),
                assign ? move.deadline() : row.deadline(), answer ? row.statusComment() : move.comment(), now);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("status", row.status().name());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", next.name());
        if (assign) {
            before.put("assignedUnitIds", ids(row.assignedUnitIds()));
            before.put("deadline", row.deadline() == null ? null : row.deadline().toString());
            after.put("assignedUnitIds", ids(moved.assignedUnitIds()));
            after.put("deadline", moved.deadline().toString());
        }
        if (move.comment() != null) {
            after.put(answer ? "answer" : "comment", move.comment());
        }
        Uni<Void> answered = answer ? problems.insertAnswer(row.id(), actor.unitId(), move.comment(), actor.userId(), now)
                : Uni.createFrom().voidItem();
        return answered.chain(() -> problems.update(moved))
                .call(() -> audit.record(AuditEntry.success("PROBLEM_" + move.action().name(), ProblemEvents.OBJECT_TYPE,
                        row.id(), AuditChanges.between(before, after))))
                .call(() -> events.append(answer ? answerEvent(task, moved, actor.unitId())
                        : event(type(move.action()), task, moved)))
                .chain(() -> view(moved));
    }

    private static String type(ProblemAction action) {
        return switch (action) {
            case ASSIGN -> EventTypes.PROBLEM_ASSIGNED;
            case ANSWER -> EventTypes.PROBLEM_ANSWERED;
            case CLOSE -> EventTypes.PROBLEM_CLOSED;
            case REPORT_TO_LEADERS -> EventTypes.PROBLEM_REPORTED_TO_LEADERS;
        };
    }

    /** The payload names the task, units and source: no person. */
    private static DomainEvent event(String type, ProblemTask task, ProblemRow row) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("taskId", task.id().toString());
        payload.put("code", task.code());
        payload.put("status", row.status().name());
        payload.put("source", row.source().name());
        payload.put("raisedByOffice", row.raisedByOffice());
        if (row.raisedByUnitId() != null) {
            payload.put("raisedByUnitId", row.raisedByUnitId().toString());
        }
        payload.put("assignedUnitIds", ids(row.assignedUnitIds()));
        if (row.deadline() != null) {
            payload.put("deadline", row.deadline().toString());
        }
        if (row.sourcePeriod() != null) {
            payload.put("period", row.sourcePeriod());
            payload.put("requestIndex", row.sourceIndex());
        }
        List<UUID> units = new ArrayList<>(task.unitIds());
        units.addAll(row.assignedUnitIds());
        return DomainEvent.of(type, ProblemEvents.OBJECT_TYPE, row.id(), units, row.sourcePeriod(), payload);
    }

    private static DomainEvent answerEvent(ProblemTask task, ProblemRow row, UUID unitId) {
        DomainEvent base = event(EventTypes.PROBLEM_ANSWERED, task, row);
        Map<String, Object> payload = new LinkedHashMap<>(base.payload());
        payload.put("answeredByUnitId", unitId.toString());
        return new DomainEvent(base.type(), base.objectType(), base.objectId(), base.unitIds(), base.period(), payload);
    }

    private Uni<ProblemRow> visible(UUID problemId, boolean lock) {
        return problems.find(problemId, RequestScope.actor().unitScope(), lock)
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.PROBLEM_NOT_FOUND, problemId));
    }

    private Uni<ProblemView> view(ProblemRow row) {
        return problems.answers(List.of(row.id())).map(answers -> new ProblemView(row, answers.getOrDefault(row.id(), List.of())));
    }

    Uni<Void> requireUnits(List<UUID> units) {
        return requireUnits("assignedUnitIds", units);
    }

    Uni<Void> requireUnits(String field, List<UUID> units) {
        return problems.unknownUnits(units).invoke(unknown -> {
            if (!unknown.isEmpty()) {
                InvalidInput.Collector errors = new InvalidInput.Collector();
                for (UUID unit : unknown) {
                    errors.add(field + "[" + units.indexOf(unit) + "]", InvalidInput.Reason.NOT_FOUND,
                            DomainMessage.PROBLEM_UNIT_UNKNOWN, unit);
                }
                errors.throwIfAny();
            }
        }).replaceWithVoid();
    }

    void requireFuture(LocalDate deadline) {
        if (deadline != null && deadline.isBefore(LocalDate.now(clock.withZone(zone)))) {
            throw InvalidInput.of("deadline", InvalidInput.Reason.RANGE, DomainMessage.PROBLEM_DEADLINE_PAST, deadline);
        }
    }

    private static List<String> ids(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    private static Map<String, Object> snapshot(ProblemRow row) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("taskId", row.taskId().toString());
        snapshot.put("description", row.description());
        snapshot.put("source", row.source().name());
        snapshot.put("status", row.status().name());
        snapshot.put("assignedUnitIds", ids(row.assignedUnitIds()));
        if (row.deadline() != null) {
            snapshot.put("deadline", row.deadline().toString());
        }
        if (row.sourcePeriod() != null) {
            snapshot.put("period", row.sourcePeriod());
            snapshot.put("requestIndex", row.sourceIndex());
        }
        return snapshot;
    }
}
