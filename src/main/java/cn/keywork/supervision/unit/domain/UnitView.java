package cn.keywork.supervision.unit.domain;

import java.time.Instant;
import java.util.UUID;

/** A unit as read: its fields plus its supervision body and primary liaison's name, no personal data. */
public record UnitView(UUID id, String code, String name, String shortName, UnitType type, UUID parentId,
        boolean active, long version, Instant createdAt, Instant updatedAt, String supervisionBody,
        String primaryLiaisonName, String primaryLiaisonPosition) {
}
