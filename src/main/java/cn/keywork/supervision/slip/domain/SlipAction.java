package cn.keywork.supervision.slip.domain;

/** The moves of a slip; {@link SlipPolicy} says from where each leads and who makes it. */
public enum SlipAction {
    SUBMIT_FOR_APPROVAL, APPROVE, REJECT, ISSUE, ACKNOWLEDGE, RESPOND, RETURN_RESPONSE, ACCEPT_RESPONSE, CLOSE,
    WITHDRAW, ESCALATE
}
