package cn.keywork.supervision.event.domain;

/** One event of the feed, already rendered as the contract's {@code Event} JSON. */
public record FeedEvent(String cursor, String type, String json) {
}
