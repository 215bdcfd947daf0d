package cn.keywork.supervision.cycle.repository;

import static cn.keywork.supervision.persistence.SqlValues.offset;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The set-based statements of the cycles' own steps (closing a month's reporting, the year's end)
 * and the counts their dry runs answer. Each runs in the caller's transaction.
 */
@ApplicationScoped
@WithSession
public class CycleWork {

    /** The ACTIVE tasks of the month's year without a report of the month that is SUBMITTED or ACCEPTED. */
    private static final String MISSING = """
            FROM key_task k WHERE k.status = 'ACTIVE' AND k.year = :year
             AND NOT EXISTS (SELECT 1 FROM progress_report r WHERE r.task_id = k.id AND r.period = :period
                             AND r.status IN ('SUBMITTED', 'ACCEPTED', 'NOT_REPORTED'))""";

    /** How many ACTIVE tasks of the year have no submitted or accepted report of the month. */
    public Uni<Long> countMissingReports(String period, int year) {
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT count(*) " + MISSING, Long.class)
                .setParameter("period", period).setParameter("year", year).getSingleResult());
    }

    /** Marks the month's drafts and returned reports NOT_REPORTED; returns how many. */
    public Uni<Integer> markUnsubmittedNotReported(String period, int year, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE progress_report r SET status = 'NOT_REPORTED', version = r.version + 1, updated_at = :now
                  FROM key_task k
                 WHERE k.id = r.task_id AND k.status = 'ACTIVE' AND k.year = :year
                   AND r.period = :period AND r.status IN ('DRAFT', 'RETURNED')""")
                .setParameter("period", period).setParameter("year", year).setParameter("now", offset(now))
                .executeUpdate());
    }

    /** Writes a NOT_REPORTED report of the month for each ACTIVE task of the year that has none; returns how many. */
    public Uni<Integer> insertNotReported(String period, int year, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO progress_report (id, task_id, period, status, version, created_at, updated_at)
                SELECT gen_random_uuid(), k.id, :period, 'NOT_REPORTED', 1, :now, :now
                  FROM key_task k
                 WHERE k.status = 'ACTIVE' AND k.year = :year
                   AND NOT EXISTS (SELECT 1 FROM progress_report r WHERE r.task_id = k.id AND r.period = :period)
                ON CONFLICT ON CONSTRAINT progress_report_one_per_month DO NOTHING""")
                .setParameter("period", period).setParameter("year", year).setParameter("now", offset(now))
                .executeUpdate());
    }

    /**
     * Refreshes the planner's statistics of the month's figures after a step rewrote them, so that
     * the next statements over the month (drafting slips, freezing the ledger) are planned for the
     * rows now there rather than for a month without figures. Sees the rows of the caller's
     * transaction; a table the service's role does not own is skipped with a warning.
     */
    public Uni<Void> analyzeFigures() {
        return Panache.getSession().chain(session -> session.createNativeQuery("ANALYZE progress_figure")
                .executeUpdate()).replaceWithVoid();
    }

    /** The registered tasks (ACTIVE, COMPLETED, CLOSED) of a year: what computing a month's figures covers. */
    public Uni<Long> countRegistered(int year) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT count(*) FROM key_task WHERE year = :year AND status IN ('ACTIVE', 'COMPLETED', 'CLOSED')", Long.class)
                .setParameter("year", year).getSingleResult());
    }

    /** Tasks of a year in one status. */
    public Uni<Long> countTasks(int year, String status) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT count(*) FROM key_task WHERE year = :year AND status = :status", Long.class)
                .setParameter("year", year).setParameter("status", status).getSingleResult());
    }

    /** Whether the month's ledger is closed (frozen). */
    public Uni<Boolean> ledgerClosed(String period) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT count(*) FROM ledger WHERE period = :period", Long.class)
                .setParameter("period", period).getSingleResult()).map(count -> count > 0);
    }

    /** The quarter's briefing, if drafted. */
    public Uni<UUID> briefingOf(String quarter) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT id FROM briefing WHERE quarter = :quarter", UUID.class)
                .setParameter("quarter", quarter).getResultList()).map(ids -> ids.isEmpty() ? null : ids.get(0));
    }

    /**
     * One {@code task.unfinished} event per ACTIVE task of the year, in one statement (a repeat of
     * the step is prevented by the cycle, which records the step as done in this transaction).
     */
    public Uni<Integer> flagUnfinished(int year, Instant now, String eventType) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO domain_event (id, type, object_type, object_id, unit_ids, period, payload, occurred_at, actor_id)
                SELECT gen_random_uuid(), :type, 'TASK', cast(k.id AS varchar),
                       ARRAY[k.lead_unit_id] || coalesce((SELECT array_agg(c.unit_id ORDER BY c.unit_id)
                                                            FROM key_task_cooperation c WHERE c.task_id = k.id), '{}'),
                       cast(:period AS varchar),
                       jsonb_build_object('code', k.code, 'title', k.title, 'category', k.category, 'status', k.status,
                                          'deadline', cast(k.deadline AS text), 'year', k.year),
                       :now, NULL
                  FROM key_task k WHERE k.year = :year AND k.status = 'ACTIVE' ORDER BY k.code""")
                .setParameter("type", eventType).setParameter("year", year).setParameter("period", Integer.toString(year))
                .setParameter("now", offset(now)).executeUpdate());
    }

    /** Closes the year's COMPLETED tasks (CLOSED) and appends a {@code task.closed} event for each, in one statement. */
    public Uni<Integer> closeCompleted(int year, Instant now, String note, String eventType) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                WITH closed AS (
                    UPDATE key_task SET status = 'CLOSED', status_note = :note, version = version + 1, updated_at = :now
                     WHERE year = :year AND status = 'COMPLETED'
                    RETURNING id, code, title, category, deadline, lead_unit_id)
                INSERT INTO domain_event (id, type, object_type, object_id, unit_ids, period, payload, occurred_at, actor_id)
                SELECT gen_random_uuid(), :type, 'TASK', cast(k.id AS varchar),
                       ARRAY[k.lead_unit_id] || coalesce((SELECT array_agg(c.unit_id ORDER BY c.unit_id)
                                                            FROM key_task_cooperation c WHERE c.task_id = k.id), '{}'),
                       NULL,
                       jsonb_build_object('code', k.code, 'title', k.title, 'category', k.category, 'status', 'CLOSED',
                                          'deadline', cast(k.deadline AS text), 'note', cast(:note AS text)),
                       :now, NULL
                  FROM closed k""")
                .setParameter("type", eventType).setParameter("year", year).setParameter("note", note)
                .setParameter("now", offset(now)).executeUpdate());
    }

}
