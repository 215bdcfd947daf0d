package cn.keywork.supervision.inquiry.domain;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.RuleViolation;

/**
 * The moves of an inquiry (R14) after it is put: the addressed unit answers once (also late; the
 * overdue flag stays), then the asking evaluator judges the answer once. Who may move is decided
 * by visibility (another unit's or evaluator's inquiry is absent to the caller).
 */
public final class InquiryPolicy {

    private InquiryPolicy() {
    }

    public static void requireMayAnswer(InquiryRow inquiry) {
        if (inquiry.answeredAt() != null) {
            throw new RuleViolation(DomainMessage.INQUIRY_ANSWERED_ALREADY, inquiry.answeredAt());
        }
    }

    public static void requireMayJudge(InquiryRow inquiry) {
        if (inquiry.answeredAt() == null) {
            throw new RuleViolation(DomainMessage.INQUIRY_NOT_ANSWERED);
        }
        if (inquiry.judgedAt() != null) {
            throw new RuleViolation(DomainMessage.INQUIRY_JUDGED_ALREADY, inquiry.judgedAt());
        }
    }
}
