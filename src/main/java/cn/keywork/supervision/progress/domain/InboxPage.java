package cn.keywork.supervision.progress.domain;

import java.util.List;

/** One page of the inbox, the number of rows the filter matches, and the month's counts. */
public record InboxPage(List<InboxRow> items, long total, InboxCounts counts) {
}
