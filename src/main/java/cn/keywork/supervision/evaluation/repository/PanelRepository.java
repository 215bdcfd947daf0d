package cn.keywork.supervision.evaluation.repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.evaluation.domain.PanelCandidate;
import cn.keywork.supervision.evaluation.domain.RoundScope;
import cn.keywork.supervision.persistence.SqlValues;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The panels of a round's subjects, and the evaluators proposed for them, in plain SQL. */
@ApplicationScoped
@WithSession
public class PanelRepository {

    /** The panel members of the round's subjects the scope sees, by subject, in the order assigned. */
    public Uni<Map<UUID, List<UUID>>> members(UUID roundId, RoundScope scope) {
        return Panache.getSession().chain(session -> RoundRepository.scoped(session.createNativeQuery("""
                SELECT p.task_id, p.evaluator_id FROM evaluation_panel_member p
                JOIN evaluation_subject s ON s.round_id = p.round_id AND s.task_id = p.task_id
                WHERE p.round_id = :round AND""" + RoundRepository.SUBJECT_VISIBLE
                + " ORDER BY s.list_order, p.assigned_at, p.evaluator_id", Object[].class), scope)
                .setParameter("round", roundId)
                .getResultList())
                .map(rows -> {
                    Map<UUID, List<UUID>> bySubject = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        bySubject.computeIfAbsent((UUID) row[0], id -> new ArrayList<>()).add((UUID) row[1]);
                    }
                    return bySubject;
                });
    }

    /** The evaluators of the ids, with their affiliation unit's name; missing ids are left out. */
    public Uni<List<PanelCandidate>> candidates(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT e.id, e.name, e.kind, e.active, e.term_from, e.term_to, e.affiliation_unit_id, u.name
                FROM evaluator e LEFT JOIN org_unit u ON u.id = e.affiliation_unit_id
                WHERE e.id = ANY (cast(string_to_array(:ids, ',') AS uuid[]))""", Object[].class)
                .setParameter("ids", RoundRepository.joined(ids))
                .getResultList())
                .map(rows -> rows.stream().map(row -> new PanelCandidate((UUID) row[0], (String) row[1], (String) row[2],
                        (Boolean) row[3], (LocalDate) row[4], (LocalDate) row[5], (UUID) row[6], (String) row[7])).toList());
    }

    /** Replaces the subject's panel: members left out go, new ones come, those kept keep their assignment. */
    public Uni<Void> replace(UUID roundId, UUID taskId, List<UUID> evaluatorIds, UUID assignedBy, java.time.Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                DELETE FROM evaluation_panel_member WHERE round_id = :round AND task_id = :task
                   AND NOT (evaluator_id = ANY (cast(string_to_array(:ids, ',') AS uuid[])))""")
                .setParameter("round", roundId)
                .setParameter("task", taskId)
                .setParameter("ids", RoundRepository.joined(evaluatorIds))
                .executeUpdate()
                .chain(() -> session.createNativeQuery("""
                        INSERT INTO evaluation_panel_member (round_id, task_id, evaluator_id, assigned_by, assigned_at)
                        SELECT :round, :task, e.id, cast(:by AS uuid), :now
                        FROM unnest(cast(string_to_array(:ids, ',') AS uuid[])) AS e(id)
                        ON CONFLICT (round_id, task_id, evaluator_id) DO NOTHING""")
                        .setParameter("round", roundId)
                        .setParameter("task", taskId)
                        .setParameter("ids", RoundRepository.joined(evaluatorIds))
                        .setParameter("by", assignedBy == null ? null : assignedBy.toString())
                        .setParameter("now", SqlValues.offset(now))
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /**
     * For every subject of the round, in one query, up to {@code limit} evaluators active and in
     * term on {@code day} and not affiliated with the task's lead or cooperating units: those
     * competent for the task's category first, and within them the kinds taken in turn.
     */
    public Uni<Map<UUID, List<UUID>>> proposals(UUID roundId, LocalDate day, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                WITH subject AS (
                    SELECT s.task_id, s.list_order, t.category, t.lead_unit_id
                    FROM evaluation_subject s JOIN key_task t ON t.id = s.task_id WHERE s.round_id = :round),
                candidate AS (
                    SELECT s.task_id, s.list_order, e.id, e.name, e.kind, (s.category = ANY (e.expertise)) AS competent
                    FROM subject s JOIN evaluator e
                      ON e.active AND e.term_from <= cast(cast(:day AS text) AS date) AND e.term_to >= cast(cast(:day AS text) AS date)
                    WHERE e.affiliation_unit_id IS NULL
                       OR (e.affiliation_unit_id <> s.lead_unit_id AND NOT EXISTS (SELECT 1 FROM key_task_cooperation k
                           WHERE k.task_id = s.task_id AND k.unit_id = e.affiliation_unit_id))),
                by_kind AS (
                    SELECT c.*, row_number() OVER (PARTITION BY c.task_id, c.competent, c.kind ORDER BY c.name, c.id) AS turn
                    FROM candidate c),
                ranked AS (
                    SELECT b.*, row_number() OVER (PARTITION BY b.task_id
                                                   ORDER BY b.competent DESC, b.turn, b.kind, b.name, b.id) AS place
                    FROM by_kind b)
                SELECT task_id, id FROM ranked WHERE place <= :limit ORDER BY list_order, place""", Object[].class)
                .setParameter("round", roundId)
                .setParameter("day", day.toString())
                .setParameter("limit", limit)
                .getResultList())
                .map(rows -> {
                    Map<UUID, List<UUID>> bySubject = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        bySubject.computeIfAbsent((UUID) row[0], id -> new ArrayList<>()).add((UUID) row[1]);
                    }
                    return bySubject;
                });
    }
}
