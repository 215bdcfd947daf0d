package cn.keywork.supervision.task.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.account.service.AccountService;
import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.security.Role;
import cn.keywork.supervision.task.domain.KeyTask;
import cn.keywork.supervision.task.domain.TaskAction;
import cn.keywork.supervision.task.domain.TaskCategory;
import cn.keywork.supervision.task.domain.TaskCooperation;
import cn.keywork.supervision.task.domain.TaskDetails;
import cn.keywork.supervision.task.domain.TaskFilter;
import cn.keywork.supervision.task.domain.TaskPolicy;
import cn.keywork.supervision.task.domain.TaskSite;
import cn.keywork.supervision.task.domain.TaskStatus;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.task.domain.TaskSummary;
import cn.keywork.supervision.task.domain.TaskView;
import cn.keywork.supervision.task.repository.CooperationRepository;
import cn.keywork.supervision.task.repository.TaskReads;
import cn.keywork.supervision.task.repository.TaskRepository;
import cn.keywork.supervision.unit.service.UnitService;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The key-task register (R1–R3): declarations by lead units, the office's acceptance into the
 * register with a gapless code and the category limits, and the rest of the life cycle. Every
 * change is audited in its transaction; unit accounts reach only tasks their unit takes part in.
 */
@ApplicationScoped
public class TaskService {

    static final String OBJECT_TYPE = "KeyTask";

    private final TaskRepository tasks;
    private final CooperationRepository cooperations;
    private final UnitService units;
    private final AccountService accounts;
    private final TaskCodes codes;
    private final AuditTrail audit;
    private final Clock clock;
    private final TaskHistory history;
    private final TaskEvents events;
    private final TaskReads reads;

    TaskService(TaskRepository tasks, CooperationRepository cooperations, UnitService units, AccountService accounts,
            TaskCodes codes, AuditTrail audit, Clock clock, TaskHistory history, TaskEvents events, TaskReads reads) {
        this.reads = reads;
        this.history = history;
        this.events = events;
        this.tasks = tasks;
        this.cooperations = cooperations;
        this.units = units;
        this.accounts = accounts;
        this.codes = codes;
        this.audit = audit;
        this.clock = clock;
    }

    /** A unit declares a task it leads (DRAFT); the office registers one directly (ACTIVE, coded). */
    @WithTransaction
    public Uni<TaskView> create(TaskDetails details) {
        Actor actor = RequestScope.actor();
        boolean byOffice = TaskPolicy.registersDirectly(actor);
        TaskPolicy.requireMayDeclare(actor, details.leadUnitId());
        Instant now = clock.instant();
        if (!byOffice) {
            codes.declarationWindow().require(details.year(), LocalDate.now(clock));
        }
        KeyTask task = KeyTask.declare(details, byOffice ? TaskStatus.ACTIVE : TaskStatus.DRAFT, now);
        return check(details)
                .chain(() -> byOffice ? enterRegister(task) : Uni.createFrom().voidItem())
                .chain(() -> tasks.persist(task))
                .chain(() -> saveCooperations(task.id(), details.cooperations()))
                .chain(tasks::flush)
                .call(() -> audit.record(AuditEntry.success(byOffice ? "TASK_REGISTERED" : "TASK_DECLARED", OBJECT_TYPE,
                        task.id(), AuditChanges.created(task.auditSnapshot()))))
                .call(() -> byOffice ? history.record(task, "Registered by the office") : Uni.createFrom().voidItem())
                .call(() -> events.created(task.view(details.cooperations()), byOffice))
                .map(nothing -> visible(task.view(details.cooperations()), actor));
    }

    public Uni<TaskView> get(UUID id) {
        Actor actor = RequestScope.actor();
        return reads.find(id, actor.unitScope())
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.TASK_NOT_FOUND, id))
                .map(view -> visible(view, actor));
    }

    @WithSession
    public Uni<Page<TaskSummary>> list(TaskFilter filter, PageRequest page) {
        Optional<UUID> scope = RequestScope.actor().unitScope();
        if (filter.text() != null) {
            return tasks.countedPage(filter, scope, page).chain(found -> found.total() != null
                    ? Uni.createFrom().item(new Page<>(found.items(), page, found.total()))
                    : tasks.count(filter, scope).map(total -> new Page<>(found.items(), page, total)));
        }
        return tasks.page(filter, scope, page)
                .chain(found -> tasks.count(filter, scope).map(total -> new Page<>(found, page, total)));
    }

    /** Replaces a draft's or returned declaration's fields (the lead unit or the office). */
    @WithTransaction
    public Uni<TaskView> update(UUID id, long expectedVersion, TaskDetails details) {
        Actor actor = RequestScope.actor();
        return existing(id, actor)
                .invoke(task -> ETags.check(expectedVersion, task.version(), "task"))
                .invoke(task -> TaskPolicy.requireMayEdit(task, actor, details.leadUnitId()))
                .call(task -> check(details))
                .chain(task -> {
                    Map<String, Object> before = task.auditSnapshot();
                    task.apply(details, clock.instant());
                    return cooperations.removeAllOf(id)
                            .chain(cooperations::flush)
                            .chain(() -> saveCooperations(id, details.cooperations()))
                            .chain(tasks::flush)
                            .call(() -> audit.record(AuditEntry.success("TASK_UPDATED", OBJECT_TYPE, id,
                                    AuditChanges.between(before, task.auditSnapshot()))))
                            .map(nothing -> visible(task.view(details.cooperations()), actor));
                });
    }

    /** Sets where the task is carried out (the lead unit or the office), whatever its status but cancelled or closed. */
    @WithTransaction
    public Uni<TaskView> placeAt(UUID id, long expectedVersion, TaskSite site) {
        Actor actor = RequestScope.actor();
        return existing(id, actor)
                .invoke(task -> ETags.check(expectedVersion, task.version(), "task"))
                .invoke(task -> TaskPolicy.requireMayPlace(task, actor))
                .chain(task -> {
                    Map<String, Object> before = task.auditSnapshot();
                    task.placeAt(site, clock.instant());
                    return tasks.flush()
                            .call(() -> audit.record(AuditEntry.success("TASK_SITE_SET", OBJECT_TYPE, id,
                                    AuditChanges.between(before, task.auditSnapshot()))))
                            .chain(() -> view(task))
                            .map(view -> visible(view, actor));
                });
    }

    /** One move of the life cycle; acceptance enters the register. */
    @WithTransaction
    public Uni<TaskView> transition(UUID id, long expectedVersion, TaskAction action, String note) {
        Actor actor = RequestScope.actor();
        TaskPolicy.requireMayAttempt(action, note, actor);
        return existing(id, actor)
                .invoke(task -> ETags.check(expectedVersion, task.version(), "task"))
                .invoke(task -> TaskPolicy.requireMove(task, action, note, actor, codes.declarationWindow(),
                        LocalDate.now(clock)))
                .call(task -> action == TaskAction.ACCEPT ? enterRegister(task) : Uni.createFrom().voidItem())
                .chain(task -> {
                    String before = task.status().name();
                    task.move(action, note, clock.instant());
                    return tasks.flush()
                            .call(() -> audit.record(AuditEntry.success("TASK_" + action.name(), OBJECT_TYPE, id,
                                    AuditChanges.between(Map.of("status", before), Map.of("status", task.status().name())))))
                            .call(() -> action == TaskAction.ACCEPT ? history.record(task, "Accepted into the register")
                                    : Uni.createFrom().voidItem())
                            .chain(() -> view(task))
                            .call(view -> events.moved(view, action, note))
                            .map(view -> visible(view, actor));
                });
    }

    /** Takes the next code; the counter lock also makes the limit check below exact under concurrency. */
    private Uni<Void> enterRegister(KeyTask task) {
        int year = task.year();
        TaskCategory category = task.category();
        return tasks.takeCodeNumber(year, category)
                .call(number -> tasks.registered(year, category, null)
                        .chain(inCategory -> tasks.registered(year, category, task.leadUnitId())
                                .invoke(forUnit -> codes.checkLimit(category, year, inCategory, forUnit))))
                .invoke(number -> task.enterRegister(codes.code(year, category, number)))
                .replaceWithVoid();
    }

    Uni<KeyTask> existing(UUID id, Actor actor) {
        return tasks.findWithin(id, actor.unitScope()).onItem().ifNull().failWith(() -> new NotFound(DomainMessage.TASK_NOT_FOUND, id));
    }

    Uni<TaskView> view(KeyTask task) {
        return cooperations.of(task.id())
                .map(rows -> task.view(rows.stream().map(TaskCooperation::cooperation).toList()));
    }

    /** Replaces a task's cooperating units. */
    Uni<Void> replaceCooperations(UUID taskId, List<TaskDetails.Cooperation> list) {
        return cooperations.removeAllOf(taskId).chain(cooperations::flush).chain(() -> saveCooperations(taskId, list));
    }

    private Uni<Void> saveCooperations(UUID taskId, List<TaskDetails.Cooperation> list) {
        if (list.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Object[] rows = new Object[list.size()];
        for (int i = 0; i < list.size(); i++) {
            rows[i] = TaskCooperation.of(taskId, i, list.get(i));
        }
        return cooperations.getSession().chain(session -> session.persistAll(rows));
    }

    /** The rules a declaration meets wherever it comes from. */
    Uni<Void> check(TaskDetails details) {
        if (details.deadline().getYear() < details.year()) {
            return Uni.createFrom().failure(InvalidInput.of("deadline", InvalidInput.Reason.RANGE,
                    DomainMessage.TASK_DEADLINE_BEFORE_YEAR, details.year()));
        }
        Set<UUID> involved = new HashSet<>();
        involved.add(details.leadUnitId());
        for (int i = 0; i < details.cooperations().size(); i++) {
            if (!involved.add(details.cooperations().get(i).unitId())) {
                return Uni.createFrom().failure(InvalidInput.of("cooperatingUnits[" + i + "].unitId", InvalidInput.Reason.RULE,
                        DomainMessage.TASK_UNIT_TAKES_PART_ONCE));
            }
        }
        return units.existing(involved).chain(found -> {
            if (!found.contains(details.leadUnitId())) {
                throw InvalidInput.of("leadUnitId", InvalidInput.Reason.NOT_FOUND, DomainMessage.UNIT_NOT_FOUND, details.leadUnitId());
            }
            for (int i = 0; i < details.cooperations().size(); i++) {
                if (!found.contains(details.cooperations().get(i).unitId())) {
                    throw InvalidInput.of("cooperatingUnits[" + i + "].unitId", InvalidInput.Reason.NOT_FOUND,
                            DomainMessage.UNIT_NOT_FOUND, details.cooperations().get(i).unitId());
                }
            }
            if (details.leaderInChargeId() == null) {
                return Uni.createFrom().voidItem();
            }
            return accounts.holds(details.leaderInChargeId(), Role.LEADER).invoke(leader -> {
                if (!leader) {
                    throw InvalidInput.of("leaderInChargeId", InvalidInput.Reason.RULE, DomainMessage.TASK_LEADER_NOT_LEADER);
                }
            }).replaceWithVoid();
        });
    }

    private static TaskView visible(TaskView view, Actor actor) {
        return actor.seesPersonalDataOf(view.details().leadUnitId()) ? view : view.withoutPersonalData();
    }
}
