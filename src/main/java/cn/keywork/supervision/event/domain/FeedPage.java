package cn.keywork.supervision.event.domain;

import java.util.List;

/** Events after a cursor, in commit order, and where to continue. */
public record FeedPage(List<FeedEvent> events, FeedCursor next) {
}
