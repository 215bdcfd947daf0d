package cn.keywork.supervision.event;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.security.RequestScope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends domain events to the log in the caller's transaction, so an event exists exactly when
 * the change it tells of was committed. Set-based work may instead insert into
 * {@code domain_event} with one {@code INSERT … SELECT}; the columns are the same.
 */
@ApplicationScoped
public class DomainEventLog {

    private final Clock clock;
    private final ObjectMapper json;

    DomainEventLog(Clock clock, ObjectMapper json) {
        this.clock = clock;
        this.json = json;
    }

    /** Must be called inside a transaction ({@code @WithTransaction} upstream). */
    public Uni<Void> append(DomainEvent event) {
        String payload;
        try {
            payload = json.writeValueAsString(event.payload());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Event payload is not JSON: " + event.type(), e));
        }
        String units = String.join(",", event.unitIds().stream().map(UUID::toString).toList());
        UUID userId = RequestScope.actor().userId();
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO domain_event (id, type, object_type, object_id, unit_ids, period, payload, occurred_at, actor_id)
                VALUES (?1, ?2, ?3, ?4, cast(string_to_array(?5, ',') AS uuid[]), cast(?6 AS varchar), cast(cast(?7 AS text) AS jsonb), ?8,
                        cast(?9 AS uuid))""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, event.type())
                .setParameter(3, event.objectType())
                .setParameter(4, event.objectId())
                .setParameter(5, units)
                .setParameter(6, event.period())
                .setParameter(7, payload)
                .setParameter(8, clock.instant().atOffset(ZoneOffset.UTC))
                .setParameter(9, userId == null ? null : userId.toString())
                .executeUpdate())
                .replaceWithVoid();
    }
}
