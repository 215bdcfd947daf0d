package cn.keywork.supervision.progress.repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.progress.domain.ReportRow;
import cn.keywork.supervision.progress.domain.ReportStatus;
import cn.keywork.supervision.progress.domain.ReportTask;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The reports' rows, read and written in plain SQL. Every read of a task is scoped to the caller's
 * unit in the query itself: a unit sees a task it leads, cooperates on or answers for a sub-item of.
 */
@ApplicationScoped
@WithSession
public class ReportRepository {

    static final UUID NONE = new UUID(0, 0);

    private static final String SCOPE = " AND (t.lead_unit_id = :scope"
            + " OR EXISTS (SELECT 1 FROM key_task_cooperation c WHERE c.task_id = t.id AND c.unit_id = :scope)"
            + " OR EXISTS (SELECT 1 FROM task_sub_item s WHERE s.task_id = t.id AND s.responsible_unit_id = :scope))";

    /** A task as reporting sees it; null when absent or outside {@code scope}. */
    public Uni<ReportTask> task(UUID taskId, Optional<UUID> scope) {
        String sql = """
                SELECT t.id, t.code, t.title, t.year, t.deadline, t.status, t.lead_unit_id,
                       coalesce((SELECT string_agg(c.unit_id::text, ',' ORDER BY c.list_order)
                                 FROM key_task_cooperation c WHERE c.task_id = t.id), '')
                FROM key_task t WHERE t.id = :id""" + (scope.isPresent() ? SCOPE : "");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("id", taskId);
            scope.ifPresent(unit -> query.setParameter("scope", unit));
            return query.getResultList();
        }).map(rows -> rows.isEmpty() ? null : task(rows.get(0)));
    }

    private static ReportTask task(Object[] row) {
        return new ReportTask((UUID) row[0], (String) row[1], (String) row[2], ((Number) row[3]).intValue(),
                (LocalDate) row[4], (String) row[5], (UUID) row[6], uuids((String) row[7]));
    }

    private static final String REPORT = """
            SELECT r.id, r.task_id, r.period, r.status, r.summary, r.problems, r.measures, r.next_steps, r.late,
                   array_to_string(r.flags, ','), r.submitted_count, r.submitted_at, r.decided_at, r.decision_comment,
                   r.version, r.created_at, r.updated_at
            FROM progress_report r WHERE r.task_id = :task AND r.period = :period""";

    /** The report of a task and month; null when none. */
    public Uni<ReportRow> report(UUID taskId, String period) {
        return report(taskId, period, false);
    }

    /** The same, its row locked until the transaction ends: concurrent changes queue here. */
    public Uni<ReportRow> reportForUpdate(UUID taskId, String period) {
        return report(taskId, period, true);
    }

    private Uni<ReportRow> report(UUID taskId, String period, boolean lock) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery(REPORT + (lock ? " FOR UPDATE" : ""), Object[].class)
                .setParameter("task", taskId)
                .setParameter("period", period)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : row(rows.get(0)));
    }

    /** Every report of a task, newest month first. */
    public Uni<List<ReportRow>> reports(UUID taskId, int limit, int offset) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery(REPORT.replace(" AND r.period = :period", "") + " ORDER BY r.period DESC LIMIT :limit OFFSET :offset",
                        Object[].class)
                .setParameter("task", taskId)
                .setParameter("limit", limit)
                .setParameter("offset", offset)
                .getResultList())
                .map(rows -> rows.stream().map(ReportRepository::row).toList());
    }

    public Uni<Long> count(UUID taskId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT count(*) FROM progress_report WHERE task_id = :task", Long.class)
                .setParameter("task", taskId)
                .getSingleResult());
    }

    static ReportRow row(Object[] row) {
        String flags = (String) row[9];
        return new ReportRow((UUID) row[0], (UUID) row[1], ((String) row[2]).trim(), ReportStatus.valueOf((String) row[3]),
                (String) row[4], (String) row[5], (String) row[6], (String) row[7], (Boolean) row[8],
                flags == null || flags.isEmpty() ? List.of() : List.of(flags.split(",")), ((Number) row[10]).intValue(),
                instant(row[11]), instant(row[12]), (String) row[13], ((Number) row[14]).longValue(), instant(row[15]),
                instant(row[16]));
    }

    /** Creates the report row; false when another request created it first. */
    public Uni<Boolean> insert(ReportRow row) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO progress_report (id, task_id, period, status, summary, problems, measures, next_steps,
                                             version, created_at, updated_at)
                VALUES (:id, :task, :period, :status, cast(:summary AS varchar), cast(:problems AS varchar),
                        cast(:measures AS varchar), cast(:nextSteps AS varchar), :version, :created, :updated)
                ON CONFLICT (task_id, period) DO NOTHING""")
                .setParameter("id", row.id())
                .setParameter("task", row.taskId())
                .setParameter("period", row.period())
                .setParameter("status", row.status().name())
                .setParameter("summary", row.summary())
                .setParameter("problems", row.problems())
                .setParameter("measures", row.measures())
                .setParameter("nextSteps", row.nextSteps())
                .setParameter("version", row.version())
                .setParameter("created", offset(row.createdAt()))
                .setParameter("updated", offset(row.updatedAt()))
                .executeUpdate())
                .map(count -> count == 1);
    }

    /** Writes a report's row as given, its version one up. */
    public Uni<Void> update(ReportRow row, UUID submittedBy, UUID decidedBy) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE progress_report SET status = :status, summary = cast(:summary AS varchar),
                       problems = cast(:problems AS varchar), measures = cast(:measures AS varchar),
                       next_steps = cast(:nextSteps AS varchar), late = :late, submitted_count = :count,
                       submitted_at = cast(:submittedAt AS timestamptz),
                       submitted_by = coalesce(cast(:submittedBy AS uuid), submitted_by),
                       decided_at = cast(:decidedAt AS timestamptz),
                       decided_by = coalesce(cast(:decidedBy AS uuid), decided_by),
                       decision_comment = cast(:comment AS varchar), version = :version, updated_at = :updated
                WHERE id = :id""")
                .setParameter("id", row.id())
                .setParameter("status", row.status().name())
                .setParameter("summary", row.summary())
                .setParameter("problems", row.problems())
                .setParameter("measures", row.measures())
                .setParameter("nextSteps", row.nextSteps())
                .setParameter("late", row.late())
                .setParameter("count", row.submittedCount())
                .setParameter("submittedAt", offset(row.submittedAt()))
                .setParameter("submittedBy", submittedBy == null ? null : submittedBy.toString())
                .setParameter("decidedAt", offset(row.decidedAt()))
                .setParameter("decidedBy", decidedBy == null ? null : decidedBy.toString())
                .setParameter("comment", row.decisionComment())
                .setParameter("version", row.version())
                .setParameter("updated", offset(row.updatedAt()))
                .executeUpdate())
                .replaceWithVoid();
    }

    /** The units answering for a task's sub-items. */
    public Uni<java.util.Set<UUID>> subItemUnits(UUID taskId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT DISTINCT responsible_unit_id FROM task_sub_item WHERE task_id = :task", UUID.class)
                .setParameter("task", taskId)
                .getResultList())
                .map(java.util.Set::copyOf);
    }

    static List<UUID> uuids(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).map(String::trim).map(UUID::fromString).toList();
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof OffsetDateTime offset ? offset.toInstant() : (Instant) value;
    }

    static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(value.toString());
    }
}
