package cn.keywork.supervision.unit.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A unit's supervision contact as read, with its liaisons in their listed order. */
public record ContactView(UUID unitId, String supervisionBody, List<ListedLiaison> liaisons, long version,
        Instant updatedAt) {

    /** A liaison as listed: its id and particulars. */
    public record ListedLiaison(UUID id, LiaisonDetails details) {
    }
}
