package cn.keywork.supervision.briefing.repository;

/**
 * The one statement that takes a briefing's data (R10), set-based, as a jsonb document. Its
 * month's rows (CTE x) are the frozen ledger's latest version when the month is closed, else the
 * stored figures of the registered tasks of its year, exactly the rows a freeze would take; the
 * previous quarter's month (px) likewise. Lists are cut at {@code :limit} rows, their totals kept.
 * Parameters: :quarter, :period, :year, :previousQuarter, :previous, :previousYear, the months
 * (the quarter's months :month1, :month2, :month3), :from and :to (the quarter's bounds in the city's time), :limit.
 */
final class BriefingSql {

    private static final String REGISTERED = "('ACTIVE', 'COMPLETED', 'CLOSED')";

    /** The rows of a month: the frozen ledger's latest version, else the stored figures. */
    private static String rows(String ledger, String period, String year) {
        return "SELECT r.task_id, r.code, r.title, r.category, r.lead_unit_id, r.lead_unit_name, r.lag, r.light "
                + "FROM ledger_row r JOIN " + ledger + " lv ON r.version = lv.latest_version WHERE r.period = " + period
                + " UNION ALL "
                + "SELECT fig.task_id, k.code, k.title, k.category, k.lead_unit_id, u.name, fig.lag, fig.light "
                + "FROM progress_figure fig JOIN key_task k ON k.id = fig.task_id JOIN org_unit u ON u.id = k.lead_unit_id "
                + "WHERE fig.period = " + period + " AND k.status IN " + REGISTERED + " AND k.year = " + year
                + " AND NOT EXISTS (SELECT 1 FROM " + ledger + ")";
    }

    private static String lights(String alias) {
        return ("jsonb_build_object('green', count(*) FILTER (WHERE %1$s.light = 'GREEN'), "
                + "'yellow', count(*) FILTER (WHERE %1$s.light = 'YELLOW'), "
                + "'red', count(*) FILTER (WHERE %1$s.light = 'RED'), "
                + "'completed', count(*) FILTER (WHERE %1$s.light = 'COMPLETED'), "
                + "'notReported', count(*) FILTER (WHERE %1$s.light = 'NOT_REPORTED'))").formatted(alias);
    }

    private static final String LAGGING = "('YELLOW', 'RED', 'NOT_REPORTED')";

    static final String DATA = "WITH l AS (SELECT latest_version FROM ledger WHERE period = :period), "
            + "x AS (" + rows("l", ":period", ":year") + "), "
            + "pl AS (SELECT latest_version FROM ledger WHERE period = :previous), "
            + "px AS (" + rows("pl", ":previous", ":previousYear") + "), "
            // the task's report of the month, for the causes a lagging task states
            + "lag AS (SELECT x.*, rep.problems AS causes, rep.measures FROM x LEFT JOIN LATERAL (SELECT r.problems, r.measures "
            + "FROM progress_report r WHERE r.task_id = x.task_id AND r.period = :period AND r.status <> 'DRAFT' "
            + "ORDER BY r.updated_at DESC LIMIT 1) rep ON true WHERE x.light IN " + LAGGING + "), "
            // the latest accepted report of the quarter per task that states problems or measures
            + "rp AS (SELECT DISTINCT ON (r.task_id) r.task_id, k.code, k.title, u.name AS lead_unit, trim(r.period) AS period, "
            + "r.problems, r.measures FROM progress_report r JOIN key_task k ON k.id = r.task_id "
            + "JOIN org_unit u ON u.id = k.lead_unit_id WHERE r.period IN (:month1, :month2, :month3) AND r.status = 'ACCEPTED' "
            + "AND (nullif(btrim(r.problems), '') IS NOT NULL OR nullif(btrim(r.measures), '') IS NOT NULL) "
            + "ORDER BY r.task_id, r.period DESC), "
            // problems reported to the city leaders in the quarter
            + "pr AS (SELECT p.id, p.task_id, k.code, k.title, u.name AS lead_unit, p.description FROM problem p "
            + "JOIN key_task k ON k.id = p.task_id JOIN org_unit u ON u.id = k.lead_unit_id "
            + "WHERE (p.status = 'REPORTED_TO_LEADERS' AND p.updated_at >= :from AND p.updated_at < :to) "
            + "OR EXISTS (SELECT 1 FROM domain_event e WHERE e.object_type = 'Problem' AND e.type = 'problem.reported_to_leaders' "
            + "AND e.object_id = cast(p.id AS varchar) AND e.occurred_at >= :from AND e.occurred_at < :to)), "
            + "sl AS (SELECT s.type, count(*) AS issued, "
            + "count(*) FILTER (WHERE s.status IN ('ISSUED', 'ACKNOWLEDGED', 'RESPONDED')) AS open, "
            + "count(*) FILTER (WHERE s.status = 'CLOSED') AS closed, "
            + "count(*) FILTER (WHERE s.outcome = 'RESOLVED') AS resolved, "
            + "count(*) FILTER (WHERE s.outcome = 'UNRESOLVED') AS unresolved, "
            + "count(*) FILTER (WHERE s.status = 'ESCALATED') AS escalated, "
            + "count(*) FILTER (WHERE s.status = 'WITHDRAWN') AS withdrawn "
            + "FROM slip s WHERE s.issued_at >= :from AND s.issued_at < :to GROUP BY s.type) "
            + "SELECT cast(jsonb_build_object("
            + "'quarter', cast(:quarter AS text), 'period', cast(:period AS text), "
            + "'source', CASE WHEN EXISTS (SELECT 1 FROM l) THEN 'LEDGER' ELSE 'FIGURES' END, "
            + "'ledgerVersion', (SELECT latest_version FROM l), "
            + "'taskCount', (SELECT count(*) FROM x), "
            + "'lights', (SELECT " + lights("x") + " FROM x), "
            + "'byCategory', (SELECT coalesce(jsonb_agg(jsonb_build_object('category', c.category, 'taskCount', c.n, "
            + "'lights', c.lights) ORDER BY c.category), '[]') FROM (SELECT x.category, count(*) AS n, " + lights("x")
            + " AS lights FROM x GROUP BY x.category) c), "
            + "'byUnit', (SELECT coalesce(jsonb_agg(jsonb_build_object('unitId', c.lead_unit_id, 'unitName', c.name, "
            + "'taskCount', c.n, 'lights', c.lights) ORDER BY c.name, c.lead_unit_id), '[]') FROM (SELECT x.lead_unit_id, "
            + "min(x.lead_unit_name) AS name, count(*) AS n, " + lights("x") + " AS lights FROM x GROUP BY x.lead_unit_id) c), "
            + "'completed', jsonb_build_object('total', (SELECT count(*) FROM x WHERE x.light = 'COMPLETED'), "
            + "'items', (SELECT coalesce(jsonb_agg(jsonb_build_object('taskId', c.task_id, 'code', c.code, 'title', c.title, "
            + "'category', c.category, 'leadUnit', c.lead_unit_name, 'light', c.light, 'lag', c.lag) ORDER BY c.code, c.task_id), '[]') "
            + "FROM (SELECT * FROM x WHERE x.light = 'COMPLETED' ORDER BY x.code, x.task_id LIMIT :limit) c)), "
            + "'lagging', jsonb_build_object('total', (SELECT count(*) FROM lag), "
            + "'items', (SELECT coalesce(jsonb_agg(jsonb_build_object('taskId', c.task_id, 'code', c.code, 'title', c.title, "
            + "'category', c.category, 'leadUnit', c.lead_unit_name, 'light', c.light, 'lag', c.lag, 'causes', c.causes, "
            + "'measures', c.measures) ORDER BY c.lag DESC, c.code, c.task_id), '[]') "
            + "FROM (SELECT * FROM lag ORDER BY lag.lag DESC, lag.code, lag.task_id LIMIT :limit) c)), "
            + "'reportProblems', jsonb_build_object('total', (SELECT count(*) FROM rp), "
            + "'items', (SELECT coalesce(jsonb_agg(jsonb_build_object('taskId', c.task_id, 'code', c.code, 'title', c.title, "
            + "'leadUnit', c.lead_unit, 'period', c.period, 'problems', c.problems, 'measures', c.measures) "
            + "ORDER BY c.code, c.task_id), '[]') FROM (SELECT * FROM rp ORDER BY rp.code, rp.task_id LIMIT :limit) c)), "
            + "'reportedToLeaders', jsonb_build_object('total', (SELECT count(*) FROM pr), "
            + "'items', (SELECT coalesce(jsonb_agg(jsonb_build_object('problemId', c.id, 'taskId', c.task_id, 'code', c.code, "
            + "'title', c.title, 'leadUnit', c.lead_unit, 'description', c.description) ORDER BY c.code, c.id), '[]') "
            + "FROM (SELECT * FROM pr ORDER BY pr.code, pr.id LIMIT :limit) c)), "
            + "'slips', (SELECT coalesce(jsonb_agg(jsonb_build_object('type', t.type, 'issued', coalesce(sl.issued, 0), "
            + "'open', coalesce(sl.open, 0), 'closed', coalesce(sl.closed, 0), 'resolved', coalesce(sl.resolved, 0), "
            + "'unresolved', coalesce(sl.unresolved, 0), 'escalated', coalesce(sl.escalated, 0), "
            + "'withdrawn', coalesce(sl.withdrawn, 0)) ORDER BY t.ord), '[]') FROM (VALUES ('ASSIGNMENT', 1), ('URGING', 2), "
            + "('SUPERVISION', 3)) AS t (type, ord) LEFT JOIN sl ON sl.type = t.type), "
            + "'previous', jsonb_build_object('quarter', cast(:previousQuarter AS text), 'period', cast(:previous AS text), "
            + "'taskCount', (SELECT count(*) FROM px), 'lights', (SELECT " + lights("px") + " FROM px))"
            + ") AS text)";

    private BriefingSql() {
    }
}
