package cn.keywork.supervision.progress.domain;

/** The month's totals over the tasks in the inbox, whatever the state filter. */
public record InboxCounts(long registered, long missing, long draft, long submitted, long returned, long accepted,
        long late, long notReported) {
}
