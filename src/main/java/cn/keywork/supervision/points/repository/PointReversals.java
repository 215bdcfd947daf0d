package cn.keywork.supervision.points.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.persistence.SqlValues;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Posts the reversal of an effective entry: a new entry of the opposite points referring to it,
 * with the entry's unit, year, source, rule and object, so that the correction is as traceable as
 * the entry. An entry is reversed at most once (a unique key); reversing it again answers null.
 * Used by upheld objections and by re-evaluations; runs in the caller's transaction.
 */
@ApplicationScoped
public class PointReversals {

    /** The reversal's id, or null when the entry is not effective or was reversed already. */
    public Uni<UUID> reverse(UUID entryId, String reason, UUID actor, UUID reEvaluationId, Instant now) {
        UUID id = UUID.randomUUID();
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO point_entry (id, unit_id, year, points, source, rule_code, rule_book_id, rule_book_version,
                    source_event_id, object_type, object_id, object_label, computation, reason, reversal_of,
                    re_evaluation_id, status, proposed_by, decided_by, decided_at, created_at)
                SELECT cast(:id AS uuid), e.unit_id, e.year, -e.points, e.source, e.rule_code, e.rule_book_id,
                       e.rule_book_version, e.source_event_id, e.object_type, e.object_id, e.object_label,
                       jsonb_build_object('reverses', e.id::text, 'points', e.points), cast(:reason AS varchar), e.id,
                       cast(:reEvaluation AS uuid), 'EFFECTIVE', cast(:actor AS uuid), cast(:actor AS uuid),
                       cast(:now AS timestamptz), cast(:now AS timestamptz)
                FROM point_entry e
                WHERE e.id = cast(:entry AS uuid) AND e.status = 'EFFECTIVE' AND e.reversal_of IS NULL
                ON CONFLICT (reversal_of) DO NOTHING
                RETURNING id""", UUID.class)
                .setParameter("id", id).setParameter("reason", reason).setParameter("reEvaluation", reEvaluationId)
                .setParameter("actor", actor).setParameter("now", SqlValues.offset(now)).setParameter("entry", entryId)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }
}
