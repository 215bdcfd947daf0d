package cn.keywork.supervision.notification.domain;

/**
 * The states of one delivery: PENDING (due at its next attempt), SENDING (claimed by a worker
 * under a lease, committed before the send), SENT, FAILED (attempts exhausted, or the outcome of an
 * interrupted send unknown on a channel whose receivers cannot tell a repeat).
 */
public enum DeliveryStatus {
    PENDING, SENDING, SENT, FAILED
}
