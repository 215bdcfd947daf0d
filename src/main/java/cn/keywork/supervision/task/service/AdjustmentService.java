package cn.keywork.supervision.task.service;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.task.domain.AdjustmentProposal;
import cn.keywork.supervision.task.domain.AdjustmentView;
import cn.keywork.supervision.task.domain.KeyTask;
import cn.keywork.supervision.task.domain.TaskAdjustment;
import cn.keywork.supervision.task.domain.TaskDetails;
import cn.keywork.supervision.task.domain.TaskVersionView;
import cn.keywork.supervision.task.repository.AdjustmentRepository;
import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.task.domain.TaskPolicy;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Changes to a registered task (R2): the lead unit proposes with a reason, the office decides;
 * approval applies the proposal under the declaration's rules and records a new version.
 */
@ApplicationScoped
public class AdjustmentService {

    private final AdjustmentRepository adjustments;
    private final TaskService tasks;
    private final BreakdownService breakdown;
    private final TaskHistory history;
    private final TaskEvents events;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final Clock clock;

    AdjustmentService(AdjustmentRepository adjustments, TaskService tasks, BreakdownService breakdown,
            TaskHistory history, AuditTrail audit, ObjectMapper json, Clock clock, TaskEvents events) {
        this.events = events;
        this.adjustments = adjustments;
        this.tasks = tasks;
        this.breakdown = breakdown;
        this.history = history;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<AdjustmentView> request(UUID taskId, String reason, AdjustmentProposal proposal) {
        Actor actor = RequestScope.actor();
        return tasks.existing(taskId, actor)
                .invoke(task -> TaskPolicy.requireMayRequestAdjustment(task, actor))
                .call(task -> adjustments.anyPending(taskId).invoke(pending -> {
                    if (pending) {
                        throw new Conflict(DomainMessage.ADJUSTMENT_ALREADY_PENDING);
                    }
                }))
                .chain(task -> {
                    TaskAdjustment adjustment = TaskAdjustment.request(taskId, reason, write(proposal), actor.username(),
                            clock.instant());
                    return adjustments.persist(adjustment)
                            .call(adjustments::flush)
                            .call(saved -> audit.record(AuditEntry.success("TASK_ADJUSTMENT_REQUESTED", TaskService.OBJECT_TYPE,
                                    taskId, AuditChanges.created(Map.of("reason", reason)))))
                            .map(TaskAdjustment::view);
                });
    }

    @WithSession
    public Uni<List<AdjustmentView>> list(UUID taskId) {
        return tasks.existing(taskId, RequestScope.actor())
                .chain(task -> adjustments.of(taskId))
                .map(found -> found.stream().map(TaskAdjustment::view).toList());
    }

    @WithSession
    public Uni<List<TaskVersionView>> versions(UUID taskId) {
        return tasks.existing(taskId, RequestScope.actor()).chain(task -> history.versions(taskId));
    }

    @WithTransaction
    public Uni<AdjustmentView> decide(UUID taskId, UUID adjustmentId, boolean approve, String note) {
        Actor actor = RequestScope.actor();
        return tasks.existing(taskId, actor).chain(task -> adjustments.findById(adjustmentId)
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.ADJUSTMENT_NOT_FOUND, adjustmentId))
                .invoke(adjustment -> {
                    if (!adjustment.taskId().equals(taskId)) {
                        throw new NotFound(DomainMessage.ADJUSTMENT_NOT_FOUND, adjustmentId);
                    }
                    if (approve) {
                        TaskPolicy.requireAdjustable(task);
                    }
                    adjustment.decide(approve, note, actor.username(), clock.instant());
                })
                .call(adjustment -> approve ? apply(task, adjustment) : Uni.createFrom().voidItem())
                .call(adjustments::flush)
                .call(adjustment -> audit.record(AuditEntry.success(
                        approve ? "TASK_ADJUSTMENT_APPROVED" : "TASK_ADJUSTMENT_REJECTED", TaskService.OBJECT_TYPE, taskId,
                        note == null ? null : AuditChanges.created(Map.of("note", note)))))
                .map(TaskAdjustment::view));
    }

    private Uni<Void> apply(KeyTask task, TaskAdjustment adjustment) {
        AdjustmentProposal proposal = read(adjustment.proposal());
        return tasks.view(task).chain(current -> {
            TaskDetails next = proposal.applyTo(current.details());
            Map<String, Object> before = task.auditSnapshot();
            return tasks.check(next)
                    .invoke(() -> task.apply(next, clock.instant()))
                    .chain(() -> proposal.cooperatingUnits() == null ? Uni.createFrom().voidItem()
                            : tasks.replaceCooperations(task.id(), next.cooperations()))
                    .chain(() -> proposal.subItems() == null ? breakdown.recheckAll(task)
                            : breakdown.replaceAll(task, proposal.subItems()))
                    .call(() -> audit.record(AuditEntry.success("TASK_ADJUSTED", TaskService.OBJECT_TYPE, task.id(),
                            AuditChanges.between(before, task.auditSnapshot()))))
                    .call(() -> history.record(task, "Adjustment approved: " + adjustment.reason()))
                    .chain(() -> tasks.view(task))
                    .chain(view -> events.adjusted(view, adjustment.reason()));
        });
    }

    private String write(AdjustmentProposal proposal) {
        try {
            return json.writeValueAsString(proposal);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an adjustment proposal", e);
        }
    }

    private AdjustmentProposal read(String proposal) {
        try {
            return json.readValue(proposal, AdjustmentProposal.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read an adjustment proposal", e);
        }
    }
}
