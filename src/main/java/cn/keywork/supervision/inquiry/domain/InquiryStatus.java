package cn.keywork.supervision.inquiry.domain;

import java.time.Instant;

/** Where an inquiry stands, derived from its stamps (R14). */
public enum InquiryStatus {
    OPEN, OVERDUE, ANSWERED, JUDGED;

    /** Judged, else answered, else overdue once flagged or past its due time, else open. */
    public static InquiryStatus of(Instant answeredAt, Instant judgedAt, Instant overdueAt, Instant answerDue, Instant now) {
        if (judgedAt != null) {
            return JUDGED;
        }
        if (answeredAt != null) {
            return ANSWERED;
        }
        return overdueAt != null || answerDue.isBefore(now) ? OVERDUE : OPEN;
    }
}
