package cn.keywork.supervision.event;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Something that happened in the domain, as the log keeps it: a stable type (see
 * {@link EventTypes}), the object it happened to, the units concerned, the period it belongs to
 * (a month {@code 2026-11}, a quarter {@code 2026-Q4}, a year, or none) and a small payload.
 */
public record DomainEvent(String type, String objectType, String objectId, List<UUID> unitIds, String period,
        Map<String, Object> payload) {

    public DomainEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(objectId, "objectId");
        unitIds = unitIds == null ? List.of() : unitIds.stream().filter(Objects::nonNull).distinct().toList();
        payload = payload == null ? Map.of() : payload;
    }

    public static DomainEvent of(String type, String objectType, UUID objectId, List<UUID> unitIds, String period,
            Map<String, Object> payload) {
        return new DomainEvent(type, objectType, objectId.toString(), unitIds, period, payload);
    }
}
