package cn.keywork.supervision.task.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.task.domain.TaskAdjustment;
import cn.keywork.supervision.task.domain.TaskVersionView;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Adjustment requests and the version history of tasks. */
@ApplicationScoped
@WithSession
public class AdjustmentRepository implements PanacheRepositoryBase<TaskAdjustment, UUID> {

    public Uni<List<TaskAdjustment>> of(UUID taskId) {
        return find("taskId = ?1 order by requestedAt desc", taskId).list();
    }

    public Uni<Boolean> anyPending(UUID taskId) {
        return count("taskId = ?1 and status = ?2", taskId, TaskAdjustment.Status.PENDING).map(n -> n > 0);
    }

    /** Appends the next version of a task. */
    public Uni<Void> recordVersion(UUID taskId, Instant at, String by, String reason, String snapshot) {
        return getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO key_task_version (task_id, number, recorded_at, recorded_by, reason, snapshot)
                SELECT :task, coalesce(max(number), 0) + 1, :at, :by, :reason, :snapshot
                FROM key_task_version WHERE task_id = :task""")
                .setParameter("task", taskId)
                .setParameter("at", OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC))
                .setParameter("by", by)
                .setParameter("reason", reason)
                .setParameter("snapshot", snapshot)
                .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<List<TaskVersionView>> versions(UUID taskId) {
        return getSession().chain(session -> session.createNativeQuery("""
                SELECT number, recorded_at, recorded_by, reason, snapshot FROM key_task_version
                WHERE task_id = :task ORDER BY number""", Object[].class)
                .setParameter("task", taskId)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new TaskVersionView(((Number) row[0]).intValue(),
                        row[1] instanceof OffsetDateTime offset ? offset.toInstant() : (Instant) row[1],
                        (String) row[2], (String) row[3], (String) row[4])).toList());
    }
}
