package cn.keywork.supervision.points.repository;

import static cn.keywork.supervision.persistence.SqlValues.offset;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.event.repository.ConsumerCursors;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The posting consumer's SQL (R16): the claim on the cursor row and one set-based statement per
 * batch that reads the events after the cursor in commit order, posts the entries of the year's
 * ACTIVE rule book, appends their {@code points.posted} events and moves the cursor.
 */
@ApplicationScoped
@WithSession
public class PostingRepository {

    /** Where the cursor stands once claimed. */
    public record Cursor(String txId, long seq) {
    }

    /** What one batch read and posted. */
    public record Posted(long events, long entries) {
    }

    /**
     * The points a rule gives a unit for an event, with the caps applied. Shared by the consumer
     * and re-evaluations, so both compute alike. Expects a relation {@code ev} of events (columns
     * of domain_event) and a relation {@code books} of rule books (assessment_rule_book's columns)
     * ahead of it; yields {@code capped} (event, rule, unit, raw, share, the points after each cap).
     */
    public static final String COMPUTE = """
            evy AS (
              SELECT ev.*,
                     coalesce(CASE WHEN ev.period ~ '^[0-9]{4}' THEN cast(left(ev.period, 4) AS int) END,
                              cast(extract(year FROM ev.occurred_at AT TIME ZONE 'Asia/Shanghai') AS int)) AS ev_year,
                     CASE WHEN ev.payload->>'taskId' ~* '^[0-9a-f-]{36}$' THEN cast(ev.payload->>'taskId' AS uuid)
                          WHEN upper(ev.object_type) = 'TASK' AND ev.object_id ~* '^[0-9a-f-]{36}$'
                          THEN cast(ev.object_id AS uuid) END AS task_id
              FROM ev),
            matched AS (
              SELECT evy.id AS event_id, evy.tx_id, evy.seq, evy.type, evy.ev_year, evy.task_id, evy.unit_ids,
                     evy.object_type, evy.object_id, evy.period, evy.payload,
                     b.id AS book_id, b.version, b.bonus_cap, b.deduction_cap,
                     r.code, r.points AS rule_points, r.applies_to, r.cooperating_share, r.cap_per_unit, r.list_order
              FROM evy
              JOIN books b ON b.year = evy.ev_year
              JOIN assessment_rule r ON r.rule_book_id = b.id AND r.event_type = evy.type
              WHERE (NOT jsonb_exists(r.condition, 'slipType') OR evy.payload->>'slipType' = r.condition->>'slipType')
                AND (NOT jsonb_exists(r.condition, 'light') OR evy.payload->>'to' = r.condition->>'light')
                AND (NOT jsonb_exists(r.condition, 'scoreBelow') OR cast(evy.payload->>'score' AS numeric) < cast(r.condition->>'scoreBelow' AS numeric))
                AND (NOT jsonb_exists(r.condition, 'scoreAtLeast') OR cast(evy.payload->>'score' AS numeric) >= cast(r.condition->>'scoreAtLeast' AS numeric))
                AND (NOT jsonb_exists(r.condition, 'rankAtMost') OR cast(evy.payload->>'rank' AS int) <= cast(r.condition->>'rankAtMost' AS int))
                AND (NOT jsonb_exists(r.condition, 'rankAtLeast') OR cast(evy.payload->>'rank' AS int) >= cast(r.condition->>'rankAtLeast' AS int))
                AND (NOT jsonb_exists(r.condition, 'rated') OR cast(evy.payload->>'rated' AS boolean) = cast(r.condition->>'rated' AS boolean))),
            units AS (
              SELECT m.*, x.unit_id, x.share, round(m.rule_points * x.share, 2) AS raw
              FROM matched m
              CROSS JOIN LATERAL (
                SELECT t.unit_id, cast(1 AS numeric) AS share FROM unnest(m.unit_ids) AS t(unit_id)
                 WHERE m.applies_to = 'TARGET'
                UNION
                SELECT k.lead_unit_id, cast(1 AS numeric) FROM key_task k
                 WHERE k.id = m.task_id AND m.applies_to IN ('LEAD', 'LEAD_AND_COOPERATING')
                UNION
                SELECT c.unit_id, m.cooperating_share FROM key_task_cooperation c
                 WHERE c.task_id = m.task_id AND m.applies_to IN ('COOPERATING', 'LEAD_AND_COOPERATING')
              ) x),
            rule_keys AS (
              SELECT DISTINCT u.unit_id, u.ev_year, u.code FROM units u WHERE u.raw <> 0 AND u.cap_per_unit IS NOT NULL),
            prior_rule AS (
              -- what a unit already holds under a capped rule this year, summed once per unit and rule
              SELECT p.unit_id, p.year, p.rule_code, sum(p.points) AS points
              FROM point_entry p JOIN rule_keys k ON k.unit_id = p.unit_id AND k.ev_year = p.year AND k.code = p.rule_code
              WHERE p.status = 'EFFECTIVE' AND p.source <> 'MANUAL'
                AND p.id NOT IN (SELECT s.entry_id FROM superseded s)
                AND (p.reversal_of IS NULL OR p.reversal_of NOT IN (SELECT s.entry_id FROM superseded s))
              GROUP BY p.unit_id, p.year, p.rule_code),
            ruled AS (
              SELECT u.*,
                     coalesce(pr.points, 0) + sum(u.raw) OVER w - u.raw AS before_rule,
                     sum(u.raw) OVER w AS after_rule_raw
              FROM units u
              LEFT JOIN prior_rule pr ON pr.unit_id = u.unit_id AND pr.year = u.ev_year AND pr.rule_code = u.code
              WHERE u.raw <> 0
              WINDOW w AS (PARTITION BY u.unit_id, u.ev_year, u.code ORDER BY u.tx_id, u.seq, u.event_id
                           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)),
            rule_capped AS (
              SELECT r.*,
                     CASE WHEN r.cap_per_unit IS NULL THEN r.raw
                          ELSE sign(r.raw) * (least(r.cap_per_unit, abs(r.before_rule + r.raw))
                                              - least(r.cap_per_unit, abs(r.before_rule))) END AS after_rule
              FROM ruled r),
            book_keys AS (
              SELECT DISTINCT c.unit_id, c.ev_year, sign(c.raw) AS direction FROM rule_capped c
              WHERE (CASE WHEN c.raw > 0 THEN c.bonus_cap ELSE c.deduction_cap END) IS NOT NULL),
            prior_book AS (
              -- what a unit already holds in bonus (or deduction) this year under a capped book, summed once per unit
              SELECT p.unit_id, p.year, k.direction, sum(p.points) AS points
              FROM point_entry p JOIN book_keys k ON k.unit_id = p.unit_id AND k.ev_year = p.year
              WHERE p.rule_code IS NOT NULL AND p.status = 'EFFECTIVE' AND p.source <> 'MANUAL'
                AND sign(CASE WHEN p.reversal_of IS NULL THEN p.points ELSE -p.points END) = k.direction
                AND p.id NOT IN (SELECT s.entry_id FROM superseded s)
                AND (p.reversal_of IS NULL OR p.reversal_of NOT IN (SELECT s.entry_id FROM superseded s))
              GROUP BY p.unit_id, p.year, k.direction),
            booked AS (
              SELECT c.*,
                     coalesce(pb.points, 0) + sum(c.after_rule) OVER w - c.after_rule AS before_book,
                     CASE WHEN c.raw > 0 THEN c.bonus_cap ELSE c.deduction_cap END AS book_cap
              FROM rule_capped c
              LEFT JOIN prior_book pb ON pb.unit_id = c.unit_id AND pb.year = c.ev_year AND pb.direction = sign(c.raw)
              WINDOW w AS (PARTITION BY c.unit_id, c.ev_year, sign(c.raw) ORDER BY c.tx_id, c.seq, c.event_id, c.list_order
                           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)),
            capped AS (
              SELECT b.*,
                     CASE WHEN b.book_cap IS NULL THEN b.after_rule
                          ELSE sign(b.raw) * (least(b.book_cap, abs(b.before_book + b.after_rule))
                                              - least(b.book_cap, abs(b.before_book))) END AS posted
              FROM booked b)
            """;

    /**
     * Claims the cursor for {@code owner} (its lease expired or is ours) and locks it until the
     * transaction ends; null when another instance holds it.
     */
    public Uni<Cursor> claim(String owner, Instant now, Instant leaseUntil) {
        return ConsumerCursors.claim("points", owner, now, leaseUntil)
                .map(position -> position == null ? null : new Cursor(position.txId(), position.seq()));
    }

    /**
     * Posts the events after {@code cursor} committed before the oldest running transaction, at
     * most {@code limit}, and moves the cursor past them; releases the claim when the batch was not
     * full. One statement.
     */
    public Uni<Posted> post(Cursor cursor, int limit, Instant now) {
        String sql = """
                WITH ev AS (
                  SELECT e.* FROM domain_event e
                   WHERE (e.tx_id, e.seq) > (cast(:tx AS xid8), :seq)
                     AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
                   ORDER BY e.tx_id, e.seq LIMIT :limit),
                books AS (SELECT * FROM assessment_rule_book WHERE status = 'ACTIVE'),
                superseded AS (SELECT cast(NULL AS uuid) AS entry_id WHERE false),
                """ + COMPUTE + """
                , ins AS (
                  INSERT INTO point_entry (id, unit_id, year, points, source, rule_code, rule_book_id, rule_book_version,
                      source_event_id, object_type, object_id, object_label, computation, status, created_at)
                  SELECT gen_random_uuid(), c.unit_id, c.ev_year, c.posted,
                         CASE WHEN c.type LIKE 'evaluation.%' THEN 'EVALUATION' ELSE 'SUPERVISION' END,
                         c.code, c.book_id, c.version, c.event_id, c.object_type, c.object_id,
                         left(coalesce(c.payload->>'number',
                                       concat_ws(' ', c.payload->>'code', coalesce(c.payload->>'period', c.period))), 200),
                         jsonb_build_object('rulePoints', c.rule_points, 'share', c.share, 'raw', c.raw,
                             'capPerUnit', c.cap_per_unit, 'afterRuleCap', c.after_rule, 'bookCap', c.book_cap,
                             'posted', c.posted, 'capApplied', c.posted <> c.raw),
                         'EFFECTIVE', :now
                  FROM capped c WHERE c.posted <> 0
                  ORDER BY c.tx_id, c.seq, c.list_order, c.unit_id
                  ON CONFLICT (source_event_id, rule_code, rule_book_version, unit_id)
                     WHERE reversal_of IS NULL AND source_event_id IS NOT NULL DO NOTHING
                  RETURNING id, unit_id, year, points, rule_code, rule_book_version, source_event_id),
                told AS (
                  INSERT INTO domain_event (id, type, object_type, object_id, unit_ids, period, payload, occurred_at, actor_id)
                  SELECT gen_random_uuid(), 'points.posted', 'PointEntry', cast(i.id AS varchar), ARRAY[i.unit_id],
                         cast(i.year AS varchar),
                         jsonb_build_object('entryId', i.id, 'year', i.year, 'points', i.points, 'ruleCode', i.rule_code,
                             'ruleBookVersion', i.rule_book_version, 'sourceEventId', i.source_event_id),
                         :now, NULL
                  FROM ins i RETURNING 1),
                last AS (SELECT tx_id, seq FROM ev ORDER BY tx_id DESC, seq DESC LIMIT 1),
                moved AS (
                  UPDATE point_posting_cursor p
                     SET tx_id = coalesce((SELECT tx_id FROM last), p.tx_id), seq = coalesce((SELECT seq FROM last), p.seq),
                         lease_until = CASE WHEN (SELECT count(*) FROM ev) < :limit THEN NULL ELSE p.lease_until END,
                         updated_at = :now
                   WHERE p.name = 'points' RETURNING 1)
                SELECT (SELECT count(*) FROM ev), (SELECT count(*) FROM ins), (SELECT count(*) FROM told),
                       (SELECT count(*) FROM moved)""";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter("tx", cursor.txId()).setParameter("seq", cursor.seq()).setParameter("limit", limit)
                .setParameter("now", offset(now))
                .getSingleResult())
                .map(row -> new Posted(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
    }
}
