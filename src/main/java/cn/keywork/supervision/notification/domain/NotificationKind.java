package cn.keywork.supervision.notification.domain;

/** What a notification tells of; each but {@link #REPORT_DUE} is caused by a domain event. */
public enum NotificationKind {
    REPORT_DUE, REPORT_RETURNED, SLIP_ISSUED, SLIP_OVERDUE, APPROVAL_WAITING, BRIEFING_PUBLISHED
}
