package cn.keywork.supervision.task.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.task.domain.KeyTask;
import cn.keywork.supervision.task.domain.Schedule;
import cn.keywork.supervision.task.domain.SubItem;
import cn.keywork.supervision.task.domain.SubItemDetails;
import cn.keywork.supervision.task.domain.SubItemMonth;
import cn.keywork.supervision.task.domain.SubItemView;
import cn.keywork.supervision.task.domain.TaskCooperation;
import cn.keywork.supervision.task.domain.TaskPlan;
import cn.keywork.supervision.task.repository.CooperationRepository;
import cn.keywork.supervision.task.repository.SubItemRepository;
import cn.keywork.supervision.task.repository.TaskRepository;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.RuleViolation;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.domain.NotPermitted;
import cn.keywork.supervision.task.domain.TaskPolicy;
import cn.keywork.supervision.web.ETags;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The breakdown of tasks into sub-items with monthly plans (R4). The lead unit and the office
 * shape it while the task is a declaration; a cooperating unit edits the sub-items it answers for;
 * once the task is past declaration, only persons and milestone texts change here.
 */
@ApplicationScoped
public class BreakdownService {

    static final String OBJECT_TYPE = "SubItem";

    private final TaskRepository tasks;
    private final CooperationRepository cooperations;
    private final SubItemRepository subItems;
    private final AuditTrail audit;
    private final Clock clock;
    private final TaskHistory history;

    BreakdownService(TaskRepository tasks, CooperationRepository cooperations, SubItemRepository subItems,
            AuditTrail audit, Clock clock, TaskHistory history) {
        this.tasks = tasks;
        this.cooperations = cooperations;
        this.subItems = subItems;
        this.audit = audit;
        this.clock = clock;
        this.history = history;
    }

    /** Gives a registered task its breakdown on the service's own account (demo data, imports). */
    @WithTransaction
    public Uni<Void> seed(UUID taskId, List<SubItemDetails> items) {
        if (!RequestScope.actor().isSystem()) {
            return Uni.createFrom().failure(new NotPermitted(DomainMessage.SEED_BY_SERVICE_ONLY));
        }
        return tasks.findById(taskId).chain(task -> replaceAll(task, items));
    }

    /**
     * Replaces the whole breakdown of a task (an approved adjustment): each sub-item checked
     * against the task as it now stands. Runs in the caller's transaction.
     */
    Uni<Void> replaceAll(KeyTask task, List<SubItemDetails> items) {
        Instant now = clock.instant();
        Uni<Void> checks = Uni.createFrom().voidItem();
        for (int i = 0; i < items.size(); i++) {
            SubItemDetails details = items.get(i);
            int index = i;
            checks = checks.chain(() -> check(task, details).onFailure(InvalidInput.class)
                    .transform(problem -> new RuleViolation(DomainMessage.SUB_ITEM_PROPOSED_DOES_NOT_FIT, index + 1, problem)));
        }
        return checks
                .chain(() -> subItems.delete("taskId", task.id()))
                .chain(subItems::flush)
                .chain(() -> {
                    Uni<Void> saved = Uni.createFrom().voidItem();
                    for (int i = 0; i < items.size(); i++) {
                        SubItem item = SubItem.of(task.id(), i, items.get(i), now);
                        Schedule schedule = items.get(i).schedule();
                        saved = saved.chain(() -> subItems.persist(item).chain(() -> saveMonths(item.id(), schedule)));
                    }
                    return saved;
                })
                .chain(subItems::flush);
    }

    /**
     * Checks the breakdown a task keeps against the task as it now stands (an approved adjustment
     * that leaves the sub-items alone but moves the deadline or drops a cooperating unit).
     */
    Uni<Void> recheckAll(KeyTask task) {
        return views(task.id()).chain(items -> {
            Uni<Void> checks = Uni.createFrom().voidItem();
            for (int i = 0; i < items.size(); i++) {
                SubItemDetails details = items.get(i).details();
                int index = i;
                checks = checks.chain(() -> check(task, details).onFailure(InvalidInput.class)
                        .transform(problem -> new RuleViolation(DomainMessage.SUB_ITEM_EXISTING_DOES_NOT_FIT, index + 1,
                                problem)));
            }
            return checks;
        });
    }

    @WithSession
    public Uni<List<SubItemView>> list(UUID taskId) {
        return task(taskId).chain(task -> views(taskId));
    }

    @WithSession
    public Uni<TaskPlan> plan(UUID taskId) {
        return task(taskId).chain(task -> views(taskId)).map(items -> TaskPlan.of(taskId, items));
    }

    @WithTransaction
    public Uni<SubItemView> create(UUID taskId, SubItemDetails details) {
        Actor actor = RequestScope.actor();
        Instant now = clock.instant();
        return task(taskId)
                .invoke(task -> TaskPolicy.requireMayShapeBreakdown(task, actor))
                .call(task -> check(task, details))
                .chain(task -> subItems.nextOrder(taskId))
                .chain(order -> {
                    SubItem item = SubItem.of(taskId, order, details, now);
                    return subItems.persist(item)
                            .chain(() -> saveMonths(item.id(), details.schedule()))
                            .chain(subItems::flush)
                            .call(() -> audit.record(AuditEntry.success("SUB_ITEM_CREATED", OBJECT_TYPE, item.id(),
                                    AuditChanges.created(item.auditSnapshot(details.schedule())))))
                            .map(nothing -> item.view(details.schedule().entries()));
                });
    }

    @WithTransaction
    public Uni<SubItemView> update(UUID taskId, UUID subItemId, long expectedVersion, SubItemDetails details) {
        Actor actor = RequestScope.actor();
        return task(taskId).chain(task -> existing(taskId, subItemId)
                .invoke(item -> ETags.check(expectedVersion, item.version(), "sub-item"))
                .chain(item -> view(item).chain(before -> {
                    TaskPolicy.requireMayChangeSubItem(task, actor, item.responsibleUnitId(), details.responsibleUnitId(),
                            details.samePlanAs(before.details()));
                    return check(task, details).chain(() -> {
                        item.apply(details, clock.instant());
                        return subItems.removeMonthsOf(subItemId)
                                .chain(subItems::flush)
                                .chain(() -> saveMonths(subItemId, details.schedule()))
                                .chain(subItems::flush)
                                .call(() -> audit.record(AuditEntry.success("SUB_ITEM_UPDATED", OBJECT_TYPE, subItemId,
                                        AuditChanges.between(item.auditSnapshot(before.details().schedule()),
                                                item.auditSnapshot(details.schedule())))))
                                .map(nothing -> item.view(details.schedule().entries()));
                    });
                })));
    }

    @WithTransaction
    public Uni<Void> remove(UUID taskId, UUID subItemId, long expectedVersion) {
        Actor actor = RequestScope.actor();
        return task(taskId)
                .invoke(task -> TaskPolicy.requireMayShapeBreakdown(task, actor))
                .chain(task -> existing(taskId, subItemId))
                .invoke(item -> ETags.check(expectedVersion, item.version(), "sub-item"))
                .call(subItems::delete)
                .call(subItems::flush)
                .call(item -> audit.record(AuditEntry.success("SUB_ITEM_DELETED", OBJECT_TYPE, subItemId, null)))
                .replaceWithVoid();
    }

    private Uni<KeyTask> task(UUID taskId) {
        return tasks.findWithin(taskId, RequestScope.actor().unitScope()).onItem().ifNull()
                .failWith(() -> new NotFound(DomainMessage.TASK_NOT_FOUND, taskId));
    }

    private Uni<SubItem> existing(UUID taskId, UUID subItemId) {
        return subItems.findById(subItemId)
                .map(item -> item != null && item.taskId().equals(taskId) ? item : null)
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.SUB_ITEM_NOT_FOUND, subItemId));
    }

    private Uni<SubItemView> view(SubItem item) {
        return subItems.monthsOf(List.of(item.id()))
                .map(months -> item.view(months.stream().map(SubItemMonth.Row::entry).toList()));
    }

    private Uni<List<SubItemView>> views(UUID taskId) {
        return history.breakdown(taskId);
    }

    private Uni<Void> saveMonths(UUID subItemId, Schedule schedule) {
        Object[] rows = schedule.entries().stream().map(entry -> SubItemMonth.of(subItemId, entry)).toArray();
        return subItems.getSession().chain(session -> session.persistAll(rows));
    }

    /** The sub-item's unit takes part in the task, its deadline is within the task's, its plan is sound. */
    private Uni<Void> check(KeyTask task, SubItemDetails details) {
        if (details.deadline().isAfter(task.deadline())) {
            return Uni.createFrom().failure(InvalidInput.of("deadline", InvalidInput.Reason.RANGE,
                    DomainMessage.SUB_ITEM_DEADLINE_AFTER_TASK, task.deadline()));
        }
        details.schedule().check(details.deadline(), "schedule");
        if (details.responsibleUnitId().equals(task.leadUnitId())) {
            return Uni.createFrom().voidItem();
        }
        return cooperations.of(task.id()).invoke(rows -> {
            boolean cooperating = rows.stream().map(TaskCooperation::cooperation)
                    .anyMatch(c -> c.unitId().equals(details.responsibleUnitId()));
            if (!cooperating) {
                throw InvalidInput.of("responsibleUnitId", InvalidInput.Reason.RULE, DomainMessage.SUB_ITEM_UNIT_NOT_IN_TASK);
            }
        }).replaceWithVoid();
    }
}
