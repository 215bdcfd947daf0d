package cn.keywork.supervision.progress.repository;

import static cn.keywork.supervision.persistence.SqlValues.instant;
import static cn.keywork.supervision.persistence.SqlValues.offset;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.progress.domain.InboxCounts;
import cn.keywork.supervision.progress.domain.InboxFilter;
import cn.keywork.supervision.progress.domain.InboxPage;
import cn.keywork.supervision.progress.domain.InboxRow;
import cn.keywork.supervision.progress.domain.ReportDraft;
import cn.keywork.supervision.progress.domain.ReportLine;
import cn.keywork.supervision.progress.domain.ReportRow;
import cn.keywork.supervision.progress.domain.ReportVersionView;
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

    /**
     * Every sub-item of a task with its values in report {@code reportId} (none when the month has
     * no report yet) and the value of the last accepted report of an earlier month.
     */
    public Uni<List<ReportLine>> lines(UUID taskId, UUID reportId, String period) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT s.id, s.content, s.responsible_unit_id, e.actual, e.note, e.correction_reason,
                       earlier.actual, earlier.period
                FROM task_sub_item s
                LEFT JOIN progress_report_sub_item e ON e.sub_item_id = s.id AND e.report_id = :report
                LEFT JOIN LATERAL (
                    SELECT pe.actual, pr.period FROM progress_report pr
                    JOIN progress_report_sub_item pe ON pe.report_id = pr.id AND pe.sub_item_id = s.id
                    WHERE pr.task_id = s.task_id AND pr.status = 'ACCEPTED' AND pr.period < :period
                      AND pe.actual IS NOT NULL
                    ORDER BY pr.period DESC LIMIT 1) earlier ON true
                WHERE s.task_id = :task
                ORDER BY s.list_order""", Object[].class)
                .setParameter("report", reportId == null ? NONE : reportId)
                .setParameter("period", period)
                .setParameter("task", taskId)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new ReportLine((UUID) row[0], (String) row[1], (UUID) row[2],
                        decimal(row[3]), (String) row[4], (String) row[5], decimal(row[6]),
                        row[7] == null ? null : ((String) row[7]).trim())).toList());
    }

    public Uni<List<ReportDraft.Coordination>> coordination(UUID reportId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT description, array_to_string(unit_ids, ',') FROM progress_report_coordination
                WHERE report_id = :report ORDER BY list_order""", Object[].class)
                .setParameter("report", reportId)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new ReportDraft.Coordination((String) row[0], uuids((String) row[1]))).toList());
    }

    /** Replaces a report's coordination requests in two statements. */
    public Uni<Void> replaceCoordination(UUID reportId, List<ReportDraft.Coordination> requests) {
        String[] descriptions = requests.stream().map(ReportDraft.Coordination::description).toArray(String[]::new);
        String[] units = requests.stream()
                .map(r -> String.join(",", r.unitIds().stream().map(UUID::toString).toList())).toArray(String[]::new);
        return Panache.getSession().chain(session -> session
                .createNativeQuery("DELETE FROM progress_report_coordination WHERE report_id = :report")
                .setParameter("report", reportId)
                .executeUpdate()
                .chain(() -> requests.isEmpty() ? Uni.createFrom().item(0) : session.createNativeQuery("""
                        INSERT INTO progress_report_coordination (report_id, list_order, description, unit_ids)
                        SELECT :report, c.ord - 1, c.description, cast(string_to_array(c.units, ',') AS uuid[])
                        FROM unnest(cast(:descriptions AS text[]), cast(:units AS text[])) WITH ORDINALITY
                             AS c(description, units, ord)""")
                        .setParameter("report", reportId)
                        .setParameter("descriptions", descriptions)
                        .setParameter("units", units)
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /** Writes one sub-item's values in a report. */
    public Uni<Void> saveLine(UUID reportId, ReportLine line, UUID by, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO progress_report_sub_item (report_id, sub_item_id, actual, note, correction_reason,
                                                      updated_by, updated_at)
                VALUES (:report, :item, cast(:actual AS numeric), cast(:note AS varchar), cast(:reason AS varchar),
                        cast(:by AS uuid), :now)
                ON CONFLICT (report_id, sub_item_id) DO UPDATE SET actual = EXCLUDED.actual, note = EXCLUDED.note,
                    correction_reason = EXCLUDED.correction_reason, updated_by = EXCLUDED.updated_by,
                    updated_at = EXCLUDED.updated_at""")
                .setParameter("report", reportId)
                .setParameter("item", line.subItemId())
                .setParameter("actual", line.actual())
                .setParameter("note", line.note())
                .setParameter("reason", line.correctionReason())
                .setParameter("by", by == null ? null : by.toString())
                .setParameter("now", offset(now))
                .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> insertVersion(UUID reportId, int number, Instant submittedAt, UUID by, boolean late, String content) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO progress_report_version (report_id, number, submitted_at, submitted_by, late, content)
                VALUES (:report, :number, :at, cast(:by AS uuid), :late, cast(cast(:content AS text) AS jsonb))""")
                .setParameter("report", reportId)
                .setParameter("number", number)
                .setParameter("at", offset(submittedAt))
                .setParameter("by", by == null ? null : by.toString())
                .setParameter("late", late)
                .setParameter("content", content)
                .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<List<ReportVersionView>> versions(UUID reportId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT number, submitted_at, late, content::text FROM progress_report_version
                WHERE report_id = :report ORDER BY number""", Object[].class)
                .setParameter("report", reportId)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new ReportVersionView(((Number) row[0]).intValue(), instant(row[1]),
                        (Boolean) row[2], (String) row[3])).toList());
    }

    /**
     * Serialises decisions on one task's reports until the transaction ends, so that an acceptance
     * checks its sub-items against what another acceptance of the same task committed.
     */
    public Uni<Void> lockTaskReports(UUID taskId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT cast(pg_advisory_xact_lock(:key) AS text)", String.class)
                .setParameter("key", taskId.getMostSignificantBits() ^ taskId.getLeastSignificantBits())
                .getSingleResult())
                .replaceWithVoid();
    }

    private static final String INBOX_STATE = """
            CASE WHEN r.status = 'NOT_REPORTED' THEN 'NOT_REPORTED'
                 WHEN r.id IS NULL OR r.submitted_count = 0 OR r.status = 'DRAFT' THEN 'MISSING'
                 ELSE r.status END""";

    /**
     * The month's inbox in one statement: the registered tasks of the period's year in scope, each
     * with its report's state; the page, the number of rows the filter matches and the month's
     * counts come back together (a page past the end still brings the counts, in a row without a task).
     */
    public Uni<InboxPage> inbox(InboxFilter filter, Optional<UUID> scope, int limit, int offset) {
        StringBuilder where = new StringBuilder("t.status IN ('ACTIVE', 'COMPLETED', 'CLOSED') AND t.year = :year");
        scope.ifPresent(unit -> where.append(" AND (t.lead_unit_id = :scope OR EXISTS (SELECT 1 FROM key_task_cooperation c"
                + " WHERE c.task_id = t.id AND c.unit_id = :scope))"));
        if (filter.unitId() != null) {
            where.append(" AND (t.lead_unit_id = :unit OR EXISTS (SELECT 1 FROM key_task_cooperation c"
                    + " WHERE c.task_id = t.id AND c.unit_id = :unit))");
        }
        String state = filter.state() == null ? "true" : switch (filter.state()) {
            case MISSING -> "b.state = 'MISSING'";
            case DRAFT -> "b.report_status = 'DRAFT'";
            case SUBMITTED, RETURNED, ACCEPTED -> "b.report_status = '" + filter.state().name() + "'";
            case LATE -> "b.late";
        };
        String sql = """
                WITH base AS (
                    SELECT t.id, t.code, t.title, t.lead_unit_id, r.id AS report_id, r.status AS report_status,
                           coalesce(r.late, false) AS late, r.submitted_at, %s AS state
                    FROM key_task t LEFT JOIN progress_report r ON r.task_id = t.id AND r.period = :period
                    WHERE %s),
                counts AS (
                    SELECT count(*) AS registered,
                           count(*) FILTER (WHERE state = 'MISSING') AS missing,
                           count(*) FILTER (WHERE report_status = 'DRAFT') AS draft,
                           count(*) FILTER (WHERE report_status = 'SUBMITTED') AS submitted,
                           count(*) FILTER (WHERE report_status = 'RETURNED') AS returned,
                           count(*) FILTER (WHERE report_status = 'ACCEPTED') AS accepted,
                           count(*) FILTER (WHERE late) AS late,
                           count(*) FILTER (WHERE report_status = 'NOT_REPORTED') AS not_reported
                    FROM base),
                filtered AS (SELECT * FROM base b WHERE %s),
                page AS (SELECT * FROM filtered ORDER BY code, id LIMIT :limit OFFSET :offset)
                SELECT k.registered, k.missing, k.draft, k.submitted, k.returned, k.accepted, k.late, k.not_reported,
                       (SELECT count(*) FROM filtered),
                       p.id, p.code, p.title, p.lead_unit_id, p.state, p.report_status, p.report_id, p.late, p.submitted_at
                FROM counts k LEFT JOIN page p ON true
                ORDER BY p.code, p.id""".formatted(INBOX_STATE, where, state);
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class)
                    .setParameter("year", Integer.parseInt(filter.period().substring(0, 4)))
                    .setParameter("period", filter.period())
                    .setParameter("limit", limit)
                    .setParameter("offset", offset);
            scope.ifPresent(unit -> query.setParameter("scope", unit));
            if (filter.unitId() != null) {
                query.setParameter("unit", filter.unitId());
            }
            return query.getResultList();
        }).map(rows -> {
            Object[] first = rows.get(0);
            InboxCounts counts = new InboxCounts(number(first[0]), number(first[1]), number(first[2]), number(first[3]),
                    number(first[4]), number(first[5]), number(first[6]), number(first[7]));
            List<InboxRow> items = rows.stream().filter(row -> row[9] != null)
                    .map(row -> new InboxRow((UUID) row[9], (String) row[10], (String) row[11], (UUID) row[12],
                            (String) row[13], row[14] == null ? null : ReportStatus.valueOf((String) row[14]),
                            (UUID) row[15], (Boolean) row[16], instant(row[17])))
                    .toList();
            return new InboxPage(items, number(first[8]), counts);
        });
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    static List<UUID> uuids(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).map(String::trim).map(UUID::fromString).toList();
    }

    static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(value.toString());
    }
}
