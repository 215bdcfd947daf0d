package cn.keywork.supervision.webhook.repository;

import static cn.keywork.supervision.persistence.SqlValues.instant;
import static cn.keywork.supervision.persistence.SqlValues.offset;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.webhook.domain.WebhookRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Webhook subscriptions in plain SQL; every read is confined to the owning account. */
@ApplicationScoped
@WithSession
public class WebhookRepository {

    private static final String COLUMNS = """
            SELECT w.id, w.owner_id, w.url, array_to_string(w.event_types, ','), w.description, w.unit_scope, w.active,
                   w.consecutive_failures, w.previous_secret_until, w.version, w.created_at, w.updated_at
            FROM webhook w""";

    public Uni<List<WebhookRow>> page(UUID owner, int limit, int offset) {
        return Panache.getSession().chain(session -> session.createNativeQuery(COLUMNS
                + " WHERE w.owner_id = :owner ORDER BY w.created_at DESC, w.id LIMIT :limit OFFSET :offset", Object[].class)
                .setParameter("owner", owner).setParameter("limit", limit).setParameter("offset", offset)
                .getResultList())
                .map(rows -> rows.stream().map(WebhookRepository::row).toList());
    }

    public Uni<Long> count(UUID owner) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT count(*) FROM webhook WHERE owner_id = :owner", Long.class)
                .setParameter("owner", owner).getSingleResult());
    }

    /** The owner's subscription, locked until the transaction ends when {@code lock}; null when none. */
    public Uni<WebhookRow> find(UUID id, UUID owner, boolean lock) {
        return Panache.getSession().chain(session -> session.createNativeQuery(COLUMNS
                + " WHERE w.id = :id AND w.owner_id = :owner" + (lock ? " FOR UPDATE" : ""), Object[].class)
                .setParameter("id", id).setParameter("owner", owner).getResultList())
                .map(rows -> rows.isEmpty() ? null : row(rows.get(0)));
    }

    /**
     * Stores a new subscription with its sealed secret; it receives the events of transactions
     * that had not committed when this one took its snapshot.
     */
    public Uni<Void> insert(WebhookRow row, String sealedSecret) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO webhook (id, owner_id, url, event_types, description, unit_scope, active, consecutive_failures,
                                     secret, created_snapshot, version, created_at, updated_at)
                VALUES (:id, :owner, :url, cast(string_to_array(:types, ',') AS varchar(64)[]), :description,
                        cast(:unit AS uuid), :active, 0, :secret, pg_current_snapshot(), :version, :created, :updated)""")
                .setParameter("id", row.id()).setParameter("owner", row.ownerId()).setParameter("url", row.url())
                .setParameter("types", String.join(",", row.eventTypes())).setParameter("description", row.description())
                .setParameter("unit", row.unitScope() == null ? null : row.unitScope().toString())
                .setParameter("active", row.active()).setParameter("secret", sealedSecret)
                .setParameter("version", row.version()).setParameter("created", offset(row.createdAt()))
                .setParameter("updated", offset(row.updatedAt()))
                .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> update(WebhookRow row) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE webhook SET url = :url, event_types = cast(string_to_array(:types, ',') AS varchar(64)[]),
                       description = :description, active = :active, consecutive_failures = :failures,
                       version = :version, updated_at = :updated
                 WHERE id = :id""")
                .setParameter("id", row.id()).setParameter("url", row.url())
                .setParameter("types", String.join(",", row.eventTypes())).setParameter("description", row.description())
                .setParameter("active", row.active()).setParameter("failures", row.consecutiveFailures())
                .setParameter("version", row.version()).setParameter("updated", offset(row.updatedAt()))
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Replaces the secret; the current one keeps signing until {@code previousUntil}. */
    public Uni<Void> rotate(UUID id, String sealedSecret, Instant previousUntil, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE webhook SET previous_secret = secret, previous_secret_until = :until, secret = :secret,
                       version = version + 1, updated_at = :now
                 WHERE id = :id""")
                .setParameter("id", id).setParameter("secret", sealedSecret).setParameter("until", offset(previousUntil))
                .setParameter("now", offset(now))
                .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> delete(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery("DELETE FROM webhook WHERE id = :id")
                .setParameter("id", id).executeUpdate())
                .replaceWithVoid();
    }

    private static WebhookRow row(Object[] row) {
        String types = (String) row[3];
        return new WebhookRow((UUID) row[0], (UUID) row[1], (String) row[2],
                types == null || types.isEmpty() ? List.of() : Arrays.asList(types.split(",")), (String) row[4],
                (UUID) row[5], (Boolean) row[6], ((Number) row[7]).intValue(), instant(row[8]),
                ((Number) row[9]).longValue(), instant(row[10]), instant(row[11]));
    }
}
