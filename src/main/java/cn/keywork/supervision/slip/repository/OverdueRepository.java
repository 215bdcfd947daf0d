package cn.keywork.supervision.slip.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Stamps the slips that became overdue and appends their {@code slip.overdue} events, one
 * set-based statement per kind, in the caller's transaction.
 *
 * <p>Each event is appended exactly once, also when two instances scan at the same time: a slip is
 * stamped only while its stamp IS NULL, and the UPDATE locks the rows it stamps. A second scan
 * meeting a locked row waits for the first to commit, then re-checks the condition on the row as
 * committed (READ COMMITTED re-evaluates the WHERE of an UPDATE on the newest row version), finds
 * the stamp set and skips it; its INSERT only sees the rows its own UPDATE returned.
 *
 * <p>The stamps are bookkeeping of the scan, not content of the slip: its version stays, so the
 * {@code ETag} a unit holds for its next move stays valid.
 */
@ApplicationScoped
public class OverdueRepository {

    private static final String EVENTS = """
            ev AS (
              INSERT INTO domain_event (id, type, object_type, object_id, unit_ids, period, payload, occurred_at, actor_id)
              SELECT gen_random_uuid(), 'slip.overdue', 'Slip', cast(st.id AS varchar),
                     coalesce((SELECT array_agg(t.unit_id ORDER BY t.list_order) FROM slip_target_unit t
                               WHERE t.slip_id = st.id), cast('{}' AS uuid[])),
                     NULL,
                     jsonb_strip_nulls(jsonb_build_object('slipType', st.type, 'number', st.number,
                         'taskId', st.task_id, 'code', k.code, 'kind', st.kind, 'deadline', st.deadline)),
                     :now, NULL
              FROM stamped st JOIN key_task k ON k.id = st.task_id
              ORDER BY st.number, st.id
              RETURNING 1)
            SELECT count(*) FROM ev""";

    /**
     * ISSUED slips not acknowledged within {@code hours} of issue, not stamped yet; the deadline in
     * the payload is the instant acknowledgement was due (UTC).
     */
    public Uni<Long> acknowledgementOverdue(Instant now, int hours) {
        String sql = """
                WITH stamped AS (
                  UPDATE slip s SET acknowledgement_overdue_at = :now
                  WHERE s.status = 'ISSUED' AND s.acknowledgement_overdue_at IS NULL
                    AND s.issued_at + make_interval(hours => :hours) < :now
                  RETURNING s.id, s.type, s.number, s.task_id, cast('ACKNOWLEDGEMENT' AS text) AS kind,
                    to_char((s.issued_at + make_interval(hours => :hours)) AT TIME ZONE 'UTC',
                            'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS deadline),
                """ + EVENTS;
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Long.class)
                .setParameter("now", now.atOffset(ZoneOffset.UTC)).setParameter("hours", hours).getSingleResult());
    }

    /**
     * Slips ISSUED, ACKNOWLEDGED or RESPONDED without an accepted response whose response deadline
     * (a date of the city) is before {@code today}, not stamped yet.
     */
    public Uni<Long> responseOverdue(Instant now, LocalDate today) {
        String sql = """
                WITH stamped AS (
                  UPDATE slip s SET response_overdue_at = :now
                  WHERE s.status IN ('ISSUED', 'ACKNOWLEDGED', 'RESPONDED') AND NOT s.response_accepted
                    AND s.response_overdue_at IS NULL AND s.response_deadline < :today
                  RETURNING s.id, s.type, s.number, s.task_id, cast('RESPONSE' AS text) AS kind,
                    to_char(s.response_deadline, 'YYYY-MM-DD') AS deadline),
                """ + EVENTS;
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Long.class)
                .setParameter("now", now.atOffset(ZoneOffset.UTC)).setParameter("today", today).getSingleResult());
    }
}
