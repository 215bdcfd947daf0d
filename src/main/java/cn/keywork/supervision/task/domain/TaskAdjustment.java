package cn.keywork.supervision.task.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.RuleViolation;

/** A request to change a registered task, and the office's decision on it. */
@Entity
@Table(name = "task_adjustment")
public class TaskAdjustment {

    /** Where a request stands; names match the contract's AdjustmentStatus. */
    public enum Status {
        PENDING, APPROVED, REJECTED
    }

    @Id
    UUID id;

    @Column(name = "task_id")
    UUID taskId;

    @Enumerated(EnumType.STRING)
    Status status;

    String reason;

    /** The proposal as JSON, kept exactly as requested. */
    String proposal;

    @Column(name = "requested_by")
    String requestedBy;

    @Column(name = "requested_at")
    Instant requestedAt;

    @Column(name = "decided_by")
    String decidedBy;

    @Column(name = "decided_at")
    Instant decidedAt;

    @Column(name = "decision_note")
    String decisionNote;

    @Version
    long version;

    protected TaskAdjustment() {
    }

    public static TaskAdjustment request(UUID taskId, String reason, String proposalJson, String by, Instant now) {
        TaskAdjustment adjustment = new TaskAdjustment();
        adjustment.id = UUID.randomUUID();
        adjustment.taskId = taskId;
        adjustment.status = Status.PENDING;
        adjustment.reason = reason;
        adjustment.proposal = proposalJson;
        adjustment.requestedBy = by;
        adjustment.requestedAt = now;
        return adjustment;
    }

    /** Decides a pending request; a decided one cannot be decided again (409). */
    public void decide(boolean approve, String note, String by, Instant now) {
        if (status != Status.PENDING) {
            throw new RuleViolation(DomainMessage.ADJUSTMENT_ALREADY_DECIDED, status);
        }
        status = approve ? Status.APPROVED : Status.REJECTED;
        decisionNote = note;
        decidedBy = by;
        decidedAt = now;
    }

    public AdjustmentView view() {
        return new AdjustmentView(id, taskId, status, reason, proposal, requestedBy, requestedAt, decidedBy, decidedAt,
                decisionNote);
    }

    public UUID id() {
        return id;
    }

    public UUID taskId() {
        return taskId;
    }

    public String proposal() {
        return proposal;
    }

    public String reason() {
        return reason;
    }
}
