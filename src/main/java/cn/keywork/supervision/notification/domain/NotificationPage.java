package cn.keywork.supervision.notification.domain;

import java.util.List;

/** One page of an inbox. */
public record NotificationPage(List<NotificationRow> items, int page, int size, long total) {
}
