package cn.keywork.supervision.notification.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.notification.domain.Delivery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The outbox of notifications: their delivery rows per channel, claimed by workers with
 * {@code FOR UPDATE SKIP LOCKED} and a lease. Plain SQL in the caller's transaction.
 */
@ApplicationScoped
public class DeliveryRepository {

    /**
     * Writes the PENDING delivery rows of notifications not planned yet, one per enabled channel
     * where the recipient has an address on it, and marks them planned; how many rows were written.
     */
    public Uni<Long> plan(List<String> channels, Instant now, int limit) {
        String sql = """
                WITH picked AS (
                  UPDATE notification n SET delivery_planned = true
                  WHERE n.id IN (SELECT id FROM notification WHERE NOT delivery_planned
                                 ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                  RETURNING n.id, n.recipient_id),
                written AS (
                  INSERT INTO notification_delivery (id, notification_id, channel, status, attempts, next_attempt_at, created_at)
                  SELECT gen_random_uuid(), p.id, c.channel, 'PENDING', 0, :now, :now
                  FROM picked p
                  JOIN app_user u ON u.id = p.recipient_id
                  CROSS JOIN unnest(string_to_array(cast(:channels AS text), ',')) AS c(channel)
                  WHERE (c.channel = 'email' AND u.email IS NOT NULL) OR (c.channel = 'sms' AND u.mobile IS NOT NULL)
                  ON CONFLICT DO NOTHING
                  RETURNING 1)
                SELECT count(*) FROM written""";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Long.class)
                .setParameter("limit", limit).setParameter("now", now.atOffset(ZoneOffset.UTC))
                .setParameter("channels", String.join(",", channels)).getSingleResult());
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code worker} until {@code until}: PENDING ones
     * whose next attempt is due, and SENDING ones whose lease expired (their worker died between
     * claim and outcome). Each becomes SENDING with one more attempt; rows another worker holds
     * locked are skipped, so no row is claimed by two workers at once.
     */
    public Uni<List<Delivery>> claim(String worker, Instant now, Instant until, int limit) {
        String sql = """
                WITH due AS (
                  SELECT d.id, d.status AS was FROM notification_delivery d
                  WHERE (d.status = 'PENDING' AND d.next_attempt_at <= :now)
                     OR (d.status = 'SENDING' AND d.claimed_until < :now)
                  ORDER BY d.next_attempt_at, d.id
                  LIMIT :limit
                  FOR UPDATE SKIP LOCKED),
                claimed AS (
                  UPDATE notification_delivery d
                  SET status = 'SENDING', claimed_by = :worker, claimed_until = :until, attempts = d.attempts + 1
                  FROM due WHERE d.id = due.id
                  RETURNING d.id, d.notification_id, d.channel, d.attempts, due.was)
                SELECT c.id, c.notification_id, c.channel, c.attempts, c.was = 'SENDING',
                       CASE c.channel WHEN 'email' THEN u.email ELSE u.mobile END, n.title, n.body, n.link
                FROM claimed c
                JOIN notification n ON n.id = c.notification_id
                JOIN app_user u ON u.id = n.recipient_id
                ORDER BY c.id""";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter("worker", worker).setParameter("now", now.atOffset(ZoneOffset.UTC))
                .setParameter("until", until.atOffset(ZoneOffset.UTC)).setParameter("limit", limit).getResultList())
                .map(rows -> rows.stream().map(row -> new Delivery((UUID) row[0], (UUID) row[1], (String) row[2],
                        ((Number) row[3]).intValue(), (Boolean) row[4], (String) row[5], (String) row[6],
                        (String) row[7], (String) row[8])).toList());
    }

    /** The delivery went out; only while the worker still holds it. */
    public Uni<Integer> sent(UUID id, String worker, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE notification_delivery SET status = 'SENT', sent_at = :now, claimed_until = NULL, last_error = NULL
                WHERE id = :id AND claimed_by = :worker AND status = 'SENDING'""")
                .setParameter("id", id).setParameter("worker", worker).setParameter("now", now.atOffset(ZoneOffset.UTC))
                .executeUpdate());
    }

    /** The attempt failed: the delivery is PENDING again, due at {@code nextAttempt}; only while the worker holds it. */
    public Uni<Integer> retryAt(UUID id, String worker, String error, Instant nextAttempt) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE notification_delivery
                SET status = 'PENDING', next_attempt_at = :next, last_error = left(cast(:error AS text), 500),
                    claimed_until = NULL
                WHERE id = :id AND claimed_by = :worker AND status = 'SENDING'""")
                .setParameter("id", id).setParameter("worker", worker).setParameter("error", error)
                .setParameter("next", nextAttempt.atOffset(ZoneOffset.UTC)).executeUpdate());
    }

    /** The delivery is given up (FAILED) with the reason; only while the worker holds it. */
    public Uni<Integer> givenUp(UUID id, String worker, String error) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE notification_delivery
                SET status = 'FAILED', last_error = left(cast(:error AS text), 500), claimed_until = NULL
                WHERE id = :id AND claimed_by = :worker AND status = 'SENDING'""")
                .setParameter("id", id).setParameter("worker", worker).setParameter("error", error).executeUpdate());
    }
}
