package cn.keywork.supervision.webhook.repository;

import static cn.keywork.supervision.persistence.SqlValues.instant;
import static cn.keywork.supervision.persistence.SqlValues.offset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import cn.keywork.supervision.event.EventJson;
import cn.keywork.supervision.webhook.domain.Attempt;
import cn.keywork.supervision.webhook.domain.ClaimedDelivery;
import cn.keywork.supervision.webhook.domain.DeliveryRow;
import cn.keywork.supervision.webhook.domain.DeliveryStatus;
import cn.keywork.supervision.event.repository.ConsumerCursors;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The webhook outbox in plain SQL: the fan-out of the event log into deliveries (a lease on the
 * {@code webhooks} cursor, one set-based statement per batch), the claims of due deliveries
 * ({@code FOR UPDATE SKIP LOCKED} and a claim lease), their outcomes and the delivery log.
 */
@ApplicationScoped
@WithSession
public class DeliveryRepository {

    private static final String CURSOR = "webhooks";

    /** Where the fan-out cursor stands once claimed. */
    public record Cursor(String txId, long seq) {
    }

    /** What one fan-out batch read and wrote. */
    public record FannedOut(long events, long deliveries) {
    }

    /** What recording an outcome did to the subscription: whether this attempt disabled it. */
    public record Recorded(boolean held, boolean disabled) {
    }

    /** Claims the fan-out cursor for {@code owner} (its lease expired or is ours); null when another holds it. */
    public Uni<Cursor> claimCursor(String owner, Instant now, Instant leaseUntil) {
        return ConsumerCursors.claim(CURSOR, owner, now, leaseUntil)
                .map(position -> position == null ? null : new Cursor(position.txId(), position.seq()));
    }

    /**
     * Writes one delivery, due now, per event after {@code cursor} (in commit order, committed
     * before the oldest running transaction, at most {@code limit}) and active subscription that
     * takes its type, may see its units and is older than it; moves the cursor past the events and
     * releases it when the batch was not full. One statement.
     */
    public Uni<FannedOut> fanOut(Cursor cursor, int limit, Instant now) {
        String sql = """
                WITH ev AS (
                  SELECT e.* FROM domain_event e
                   WHERE (e.tx_id, e.seq) > (cast(:tx AS xid8), :seq)
                     AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
                   ORDER BY e.tx_id, e.seq LIMIT :limit),
                ins AS (
                  INSERT INTO webhook_delivery (id, webhook_id, event_id, event_type, body, manual, status, attempts,
                                                next_attempt_at, created_at)
                  SELECT gen_random_uuid(), w.id, e.id, e.type, cast(""" + EventJson.object("e") + """
                          AS text), false, 'PENDING', 0, :now, :now
                  FROM ev e
                  JOIN webhook w ON w.active AND e.type = ANY (w.event_types)
                                AND (w.unit_scope IS NULL OR w.unit_scope = ANY (e.unit_ids))
                                AND NOT pg_visible_in_snapshot(e.tx_id, w.created_snapshot)
                  ORDER BY e.tx_id, e.seq, w.id
                  ON CONFLICT (webhook_id, event_id) WHERE NOT manual DO NOTHING
                  RETURNING 1),
                last AS (SELECT tx_id, seq FROM ev ORDER BY tx_id DESC, seq DESC LIMIT 1),
                moved AS (
                  UPDATE point_posting_cursor p
                     SET tx_id = coalesce((SELECT tx_id FROM last), p.tx_id), seq = coalesce((SELECT seq FROM last), p.seq),
                         lease_until = CASE WHEN (SELECT count(*) FROM ev) < :limit THEN NULL ELSE p.lease_until END,
                         updated_at = :now
                   WHERE p.name = :name RETURNING 1)
                SELECT (SELECT count(*) FROM ev), (SELECT count(*) FROM ins), (SELECT count(*) FROM moved)""";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter("tx", cursor.txId()).setParameter("seq", cursor.seq()).setParameter("limit", limit)
                .setParameter("now", offset(now)).setParameter("name", CURSOR)
                .getSingleResult())
                .map(row -> new FannedOut(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
    }

    /**
     * Claims up to {@code limit} due deliveries of active subscriptions (of {@code webhook} only,
     * when not null) for {@code worker} until {@code until}: PENDING ones whose next attempt is due
     * and whose previous claim, if any, has lapsed (its worker died before recording an outcome).
     * Rows another worker holds locked are skipped.
     */
    public Uni<List<ClaimedDelivery>> claim(String worker, UUID webhook, Instant now, Instant until, int limit) {
        String sql = """
                WITH due AS (
                  SELECT d.id FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
                   WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now
                     AND (d.claimed_until IS NULL OR d.claimed_until < :now)
                     AND w.active AND (cast(:webhook AS uuid) IS NULL OR d.webhook_id = cast(:webhook AS uuid))
                   ORDER BY d.next_attempt_at, d.id
                   LIMIT :limit
                   FOR UPDATE OF d SKIP LOCKED),
                claimed AS (
                  UPDATE webhook_delivery d
                     SET claimed_by = :worker, claimed_until = :until, first_attempt_at = coalesce(d.first_attempt_at, :now)
                    FROM due WHERE d.id = due.id
                  RETURNING d.id, d.webhook_id, d.event_id, d.body, d.first_attempt_at, d.attempts)
                SELECT c.id, c.webhook_id, c.event_id, c.body, w.url, w.secret,
                       CASE WHEN w.previous_secret_until > :now THEN w.previous_secret END, c.first_attempt_at, c.attempts
                FROM claimed c JOIN webhook w ON w.id = c.webhook_id
                ORDER BY c.id""";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter("worker", worker).setParameter("webhook", webhook == null ? null : webhook.toString())
                .setParameter("now", offset(now)).setParameter("until", offset(until)).setParameter("limit", limit)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new ClaimedDelivery((UUID) row[0], (UUID) row[1], (UUID) row[2],
                        (String) row[3], (String) row[4], (String) row[5], (String) row[6], instant(row[7]),
                        ((Number) row[8]).intValue())).toList());
    }

    /**
     * Records an attempt of {@code delivery}: its row in the attempt log, and the delivery's new
     * state — DELIVERED, PENDING again at {@code nextAttempt}, or FAILED when that is null — while
     * {@code worker} still holds it; then the subscription's consecutive failures, disabling it at
     * {@code disableAfter}.
     */
    public Uni<Recorded> record(UUID delivery, UUID webhook, String worker, Instant at, Attempt attempt, Instant nextAttempt,
            Instant now, int disableAfter) {
        boolean ok = attempt.delivered();
        String status = ok ? DeliveryStatus.DELIVERED.name()
                : nextAttempt == null ? DeliveryStatus.FAILED.name() : DeliveryStatus.PENDING.name();
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO webhook_attempt (delivery_id, attempted_at, status_code, error, latency_ms)
                VALUES (:delivery, :at, cast(:code AS integer), left(cast(:error AS text), 500), :latency)""")
                .setParameter("delivery", delivery).setParameter("at", offset(at))
                .setParameter("code", attempt.statusCode())
                .setParameter("error", attempt.error()).setParameter("latency", attempt.latencyMs())
                .executeUpdate()
                .chain(() -> session.createNativeQuery("""
                        UPDATE webhook_delivery
                           SET status = :status, attempts = attempts + 1, next_attempt_at = :next,
                               last_status_code = cast(:code AS integer), last_error = left(cast(:error AS text), 500),
                               last_latency_ms = :latency, delivered_at = CASE WHEN :ok THEN cast(:now AS timestamptz) END,
                               claimed_by = NULL, claimed_until = NULL
                         WHERE id = :delivery AND claimed_by = :worker AND status = 'PENDING'""")
                        .setParameter("status", status).setParameter("next", offset(nextAttempt))
                        .setParameter("code", attempt.statusCode())
                        .setParameter("error", attempt.error()).setParameter("latency", attempt.latencyMs())
                        .setParameter("ok", ok).setParameter("now", offset(now)).setParameter("delivery", delivery)
                        .setParameter("worker", worker)
                        .executeUpdate())
                .chain(updated -> failures(session, webhook, ok, disableAfter)
                        .map(disabled -> new Recorded(updated > 0, disabled))));
    }

    /** Counts the outcome against the subscription; whether this failure disabled it. */
    private static Uni<Boolean> failures(Mutiny.Session session, UUID webhook, boolean ok, int disableAfter) {
        return session.createNativeQuery("""
                WITH before AS (SELECT id, active FROM webhook WHERE id = :webhook FOR UPDATE)
                UPDATE webhook w
                   SET consecutive_failures = CASE WHEN :ok THEN 0 ELSE w.consecutive_failures + 1 END,
                       active = CASE WHEN NOT :ok AND w.consecutive_failures + 1 >= :limit THEN false ELSE w.active END,
                       version = CASE WHEN NOT :ok AND w.active AND w.consecutive_failures + 1 >= :limit
                                      THEN w.version + 1 ELSE w.version END
                  FROM before b
                 WHERE w.id = b.id
                RETURNING b.active AND NOT w.active""", Boolean.class)
                .setParameter("webhook", webhook).setParameter("ok", ok).setParameter("limit", disableAfter)
                .getResultList()
                .map(rows -> !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0)));
    }

    public Uni<List<DeliveryRow>> page(UUID webhook, DeliveryStatus status, int limit, int offset) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT d.id, d.event_id, d.event_type, d.status, d.attempts, d.manual, d.next_attempt_at,
                       d.last_status_code, d.last_error, d.last_latency_ms, d.delivered_at, d.created_at
                  FROM webhook_delivery d
                 WHERE d.webhook_id = :webhook AND (cast(:status AS text) IS NULL OR d.status = cast(:status AS text))
                 ORDER BY d.created_at DESC, d.id DESC LIMIT :limit OFFSET :offset""", Object[].class)
                .setParameter("webhook", webhook).setParameter("status", status == null ? null : status.name())
                .setParameter("limit", limit).setParameter("offset", offset)
                .getResultList())
                .map(rows -> rows.stream().map(DeliveryRepository::row).toList());
    }

    public Uni<Long> count(UUID webhook, DeliveryStatus status) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT count(*) FROM webhook_delivery d
                 WHERE d.webhook_id = :webhook AND (cast(:status AS text) IS NULL OR d.status = cast(:status AS text))""",
                Long.class)
                .setParameter("webhook", webhook).setParameter("status", status == null ? null : status.name())
                .getSingleResult());
    }

    /** A new delivery, due now, of the event the subscription's delivery {@code of} carried; null when there is none. */
    public Uni<DeliveryRow> redeliver(UUID webhook, UUID of, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO webhook_delivery (id, webhook_id, event_id, event_type, body, manual, status, attempts,
                                              next_attempt_at, created_at)
                SELECT gen_random_uuid(), d.webhook_id, d.event_id, d.event_type, d.body, true, 'PENDING', 0, :now, :now
                  FROM webhook_delivery d WHERE d.id = :of AND d.webhook_id = :webhook
                RETURNING id, event_id, event_type, status, attempts, manual, next_attempt_at, last_status_code,
                          last_error, last_latency_ms, delivered_at, created_at""", Object[].class)
                .setParameter("webhook", webhook).setParameter("of", of).setParameter("now", offset(now))
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : row(rows.get(0)));
    }

    private static DeliveryRow row(Object[] row) {
        return new DeliveryRow((UUID) row[0], (UUID) row[1], (String) row[2], DeliveryStatus.valueOf((String) row[3]),
                ((Number) row[4]).intValue(), (Boolean) row[5], instant(row[6]),
                row[7] == null ? null : ((Number) row[7]).intValue(), (String) row[8],
                row[9] == null ? null : ((Number) row[9]).intValue(), instant(row[10]), instant(row[11]));
    }
}
