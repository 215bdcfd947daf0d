package cn.keywork.supervision.event.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What a follower may and wants to see: some event types (empty = all) and, for a unit's account, its unit. */
public record FeedFilter(List<String> types, Optional<UUID> unit) {

    public FeedFilter {
        types = types == null ? List.of() : List.copyOf(types);
    }
}
