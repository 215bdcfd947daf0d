package cn.keywork.supervision.evaluation.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.evaluation.domain.Hearing;
import cn.keywork.supervision.evaluation.domain.OpenReport;
import cn.keywork.supervision.evaluation.domain.RoundScope;
import cn.keywork.supervision.persistence.SqlValues;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** A round's material: the units' open reports and the hearings 汇报会, in plain SQL. */
@ApplicationScoped
@WithSession
public class MaterialRepository {

    /** The open reports of the subjects the scope sees, in subject order. */
    public Uni<List<OpenReport>> reports(UUID roundId, RoundScope scope) {
        return Panache.getSession().chain(session -> RoundRepository.scoped(session.createNativeQuery("""
                SELECT o.task_id, o.unit_id, o.text, array_to_string(o.attachment_ids, ','), o.submitted_at
                FROM evaluation_report o JOIN evaluation_subject s ON s.round_id = o.round_id AND s.task_id = o.task_id
                WHERE o.round_id = :round AND""" + RoundRepository.SUBJECT_VISIBLE
                + " ORDER BY s.list_order, o.submitted_at", Object[].class), scope)
                .setParameter("round", roundId)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new OpenReport((UUID) row[0], (UUID) row[1], (String) row[2],
                        RoundRepository.uuids((String) row[3]), SqlValues.instant(row[4]))).toList());
    }

    /** Stores (or replaces) the unit's open report on the subject. */
    public Uni<Void> saveReport(UUID roundId, OpenReport report, UUID submittedBy) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO evaluation_report (round_id, task_id, unit_id, text, attachment_ids, submitted_by, submitted_at)
                VALUES (:round, :task, :unit, :text, cast(string_to_array(:attachments, ',') AS uuid[]), cast(:by AS uuid),
                        :at)
                ON CONFLICT (round_id, task_id, unit_id) DO UPDATE SET text = excluded.text,
                    attachment_ids = excluded.attachment_ids, submitted_by = excluded.submitted_by,
                    submitted_at = excluded.submitted_at""")
                .setParameter("round", roundId)
                .setParameter("task", report.taskId())
                .setParameter("unit", report.unitId())
                .setParameter("text", report.text())
                .setParameter("attachments", RoundRepository.joined(report.attachmentIds()))
                .setParameter("by", submittedBy == null ? null : submittedBy.toString())
                .setParameter("at", SqlValues.offset(report.submittedAt()))
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Those of the attachment ids that are evidence of the task. */
    public Uni<List<UUID>> attachmentsOf(UUID taskId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT id FROM attachment WHERE task_id = :task AND id = ANY (cast(string_to_array(:ids, ',') AS uuid[]))""",
                UUID.class)
                .setParameter("task", taskId)
                .setParameter("ids", RoundRepository.joined(ids))
                .getResultList());
    }

    public Uni<List<Hearing>> hearings(UUID roundId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT id, held_at, place, participants, notes, array_to_string(task_ids, ','), created_at
                FROM evaluation_hearing WHERE round_id = :round ORDER BY held_at DESC, created_at DESC""", Object[].class)
                .setParameter("round", roundId)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new Hearing((UUID) row[0], SqlValues.instant(row[1]), (String) row[2],
                        (String) row[3], (String) row[4], RoundRepository.uuids((String) row[5]), SqlValues.instant(row[6])))
                        .toList());
    }

    public Uni<Void> insertHearing(UUID roundId, Hearing hearing, UUID createdBy) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO evaluation_hearing (id, round_id, held_at, place, participants, notes, task_ids, created_by,
                                                created_at)
                VALUES (:id, :round, :held, :place, :participants, :notes, cast(string_to_array(:tasks, ',') AS uuid[]),
                        cast(:by AS uuid), :created)""")
                .setParameter("id", hearing.id())
                .setParameter("round", roundId)
                .setParameter("held", SqlValues.offset(hearing.heldAt()))
                .setParameter("place", hearing.place())
                .setParameter("participants", hearing.participants())
                .setParameter("notes", hearing.notes())
                .setParameter("tasks", RoundRepository.joined(hearing.taskIds()))
                .setParameter("by", createdBy == null ? null : createdBy.toString())
                .setParameter("created", SqlValues.offset(hearing.createdAt()))
                .executeUpdate())
                .replaceWithVoid();
    }
}
