package cn.keywork.supervision.slip.domain;

/** The move a slip in an inbox awaits: a target unit's signature or answer, or a leader's decision. */
public enum SlipAwaiting {
    ACKNOWLEDGE, RESPOND, APPROVE;

    /** What a slip in {@code status} awaits; null when it awaits nobody outside the office. */
    public static SlipAwaiting of(SlipStatus status) {
        return switch (status) {
            case ISSUED -> ACKNOWLEDGE;
            case ACKNOWLEDGED -> RESPOND;
            case PENDING_APPROVAL -> APPROVE;
            default -> null;
        };
    }
}
