package cn.keywork.supervision.points.repository;

import static cn.keywork.supervision.persistence.SqlValues.offset;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Re-evaluation of a year under its ACTIVE rule book (R16). One plan statement, used alike by the
 * dry run and the apply: the effective entries posted under earlier versions for the year's events
 * (to reverse) and what the ACTIVE version posts for those events ({@link PostingRepository#COMPUTE},
 * the consumer's own computation, with the entries to reverse left out of the caps' sums).
 */
@ApplicationScoped
@WithSession
public class ReEvaluationRepository {

    private static final String PLAN = """
            WITH books AS (SELECT * FROM assessment_rule_book WHERE year = :year AND status = 'ACTIVE'),
            superseded AS (
              SELECT p.id AS entry_id, p.unit_id, p.points, p.rule_code, p.rule_book_version, p.source_event_id
              FROM point_entry p
              WHERE p.year = :year AND p.status = 'EFFECTIVE' AND p.source <> 'MANUAL' AND p.reversal_of IS NULL
                AND p.rule_book_version < (SELECT version FROM books)
                AND NOT EXISTS (SELECT 1 FROM point_entry r WHERE r.reversal_of = p.id)),
            ev AS (SELECT e.* FROM domain_event e WHERE e.id IN (SELECT source_event_id FROM superseded)),
            """ + PostingRepository.COMPUTE + """
            , fresh AS (
              SELECT c.* FROM capped c WHERE c.posted <> 0
                AND NOT EXISTS (SELECT 1 FROM point_entry p WHERE p.source_event_id = c.event_id AND p.rule_code = c.code
                                  AND p.rule_book_version = c.version AND p.unit_id = c.unit_id AND p.reversal_of IS NULL))
            SELECT cast(jsonb_build_object(
              'reverse', coalesce((SELECT jsonb_agg(jsonb_build_object('entryId', s.entry_id, 'unitId', s.unit_id,
                  'points', s.points, 'ruleCode', s.rule_code, 'ruleBookVersion', s.rule_book_version,
                  'sourceEventId', s.source_event_id) ORDER BY s.unit_id, s.entry_id) FROM superseded s), '[]'),
              'post', coalesce((SELECT jsonb_agg(jsonb_build_object('unitId', f.unit_id, 'points', f.posted,
                  'ruleCode', f.code, 'ruleBookVersion', f.version, 'ruleBookId', f.book_id, 'sourceEventId', f.event_id,
                  'source', CASE WHEN f.type LIKE 'evaluation.%' THEN 'EVALUATION' ELSE 'SUPERVISION' END,
                  'objectType', f.object_type, 'objectId', f.object_id,
                  'objectLabel', left(coalesce(f.payload->>'number',
                      concat_ws(' ', f.payload->>'code', coalesce(f.payload->>'period', f.period))), 200),
                  'computation', jsonb_build_object('rulePoints', f.rule_points, 'share', f.share, 'raw', f.raw,
                      'capPerUnit', f.cap_per_unit, 'afterRuleCap', f.after_rule, 'bookCap', f.book_cap,
                      'posted', f.posted, 'capApplied', f.posted <> f.raw)) ORDER BY f.unit_id, f.tx_id, f.seq, f.list_order)
                  FROM fresh f), '[]'),
              'ruleBookId', (SELECT id FROM books), 'version', (SELECT version FROM books)) AS text)""";

    /** The plan of the year as JSON: {@code reverse}, {@code post}, {@code ruleBookId}, {@code version}. */
    public Uni<String> plan(int year) {
        return Panache.getSession().chain(session -> session.createNativeQuery(PLAN, String.class)
                .setParameter("year", year).getSingleResult());
    }

    /** Records the re-evaluation and posts the plan's new entries, carrying its id; answers how many were posted. */
    public Uni<Integer> post(UUID id, int year, UUID ruleBookId, String planJson, String counts, UUID actor, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO assessment_re_evaluation (id, year, rule_book_id, counts, applied_by, applied_at)
                VALUES (:id, :year, :book, cast(cast(:counts AS text) AS jsonb), cast(:actor AS uuid), :now)""")
                .setParameter("id", id).setParameter("year", year).setParameter("book", ruleBookId)
                .setParameter("counts", counts).setParameter("actor", actor == null ? null : actor.toString())
                .setParameter("now", offset(now)).executeUpdate()
                .chain(() -> session.createNativeQuery("""
                        INSERT INTO point_entry (id, unit_id, year, points, source, rule_code, rule_book_id, rule_book_version,
                            source_event_id, object_type, object_id, object_label, computation, re_evaluation_id, status,
                            created_at)
                        SELECT gen_random_uuid(), cast(x->>'unitId' AS uuid), :year, cast(x->>'points' AS numeric), x->>'source',
                               x->>'ruleCode', cast(x->>'ruleBookId' AS uuid), cast(x->>'ruleBookVersion' AS int),
                               cast(x->>'sourceEventId' AS uuid), x->>'objectType', x->>'objectId', x->>'objectLabel',
                               x->'computation', :id, 'EFFECTIVE', :now
                        FROM jsonb_array_elements(cast(cast(:plan AS text) AS jsonb)->'post') AS x
                        ON CONFLICT (source_event_id, rule_code, rule_book_version, unit_id)
                           WHERE reversal_of IS NULL AND source_event_id IS NOT NULL DO NOTHING""")
                        .setParameter("year", year).setParameter("id", id).setParameter("now", offset(now))
                        .setParameter("plan", planJson).executeUpdate()));
    }
}
