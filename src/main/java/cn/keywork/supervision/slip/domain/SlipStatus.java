package cn.keywork.supervision.slip.domain;

/**
 * Where a slip stands. PENDING_APPROVAL, APPROVED and REJECTED belong to supervision orders only;
 * ESCALATED marks an urging slip superseded by a supervision order.
 */
public enum SlipStatus {
    DRAFT, PENDING_APPROVAL, APPROVED, REJECTED, ISSUED, ACKNOWLEDGED, RESPONDED, CLOSED, ESCALATED, WITHDRAWN
}
