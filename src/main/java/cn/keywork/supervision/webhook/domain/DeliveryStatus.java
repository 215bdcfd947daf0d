package cn.keywork.supervision.webhook.domain;

/** Where a delivery stands: waiting for an attempt, answered with 2xx, or given up. */
public enum DeliveryStatus {
    PENDING, DELIVERED, FAILED
}
