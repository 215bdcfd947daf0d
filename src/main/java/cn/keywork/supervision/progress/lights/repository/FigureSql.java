package cn.keywork.supervision.progress.lights.repository;

import java.math.BigDecimal;
import java.util.Map;

import cn.keywork.supervision.progress.lights.domain.Thresholds;

/**
 * The one definition of a month's figures, as SQL common table expressions over every task and
 * period in scope at once (never task by task):
 * <ul>
 * <li>{@code p}: the periods, each with its as-of date (the month's last day, or today while it
 * runs) and whether its ledger is closed;</li>
 * <li>{@code t}: the registered tasks (ACTIVE, COMPLETED, CLOSED) of the period's year;</li>
 * <li>{@code s}: each sub-item's planned (the last schedule entry at or before the month, 0 before
 * the first) and actual (the latest accepted report up to the month with a value for it, else 0);</li>
 * <li>{@code f}: each task's weight-weighted planned and actual (2 decimals), lag, light and the
 * month's own report. A task without sub-items counts planned 0 and actual 0: its light follows
 * its status, its deadline and its report only.</li>
 * </ul>
 * Parameters are named ({@code :today}, {@code :forceClosed}, and those of the period source and
 * the filters). Thresholds are written in as numbers from the settings.
 */
public final class FigureSql {

    static final String REGISTERED = "('ACTIVE', 'COMPLETED', 'CLOSED')";

    private FigureSql() {
    }

    /** One period, {@code :period}. */
    public static String onePeriod() {
        return "SELECT cast(:period AS varchar) AS period";
    }

    /** Every month from {@code :fromMonth} to {@code :toMonth} (first days, as dates). */
    public static String monthRange() {
        return "SELECT to_char(gs, 'YYYY-MM') AS period FROM generate_series(cast(:fromMonth AS date), cast(:toMonth AS date), "
                + "interval '1 month') gs";
    }

    /**
     * The CTEs p, t, s, f (without the final statement). {@code taskFilter} and {@code scopeFilter}
     * are clauses over {@code k} (key_task), or empty; {@code sameYear} keeps tasks of the period's year.
     */
    public static String ctes(String periods, boolean sameYear, String taskFilter, String scopeFilter, Thresholds general,
            Map<String, Thresholds> byCategory) {
        String lag = "(coalesce(a.planned, 0) - coalesce(a.actual, 0))";
        return "WITH p AS (SELECT pm.period, least(cast(:today AS date), "
                + "cast(to_date(pm.period || '-01', 'YYYY-MM-DD') + interval '1 month' - interval '1 day' AS date)) AS as_of, "
                + "(cast(:forceClosed AS boolean) OR EXISTS (SELECT 1 FROM ledger l WHERE l.period = pm.period)) AS closed "
                + "FROM (" + periods + ") pm), "
                // materialised: each task's latest accepted report up to the month is looked up once, through
                // the (task_id, period) index, and most sub-items' actuals are then one primary-key read in it
                + "t AS MATERIALIZED (SELECT k.id, k.category, k.status, k.deadline, k.lead_unit_id, p.period, p.as_of, p.closed, "
                + "(SELECT r.id FROM progress_report r WHERE r.task_id = k.id AND r.period <= p.period AND r.status = 'ACCEPTED' "
                + "ORDER BY r.period DESC LIMIT 1) AS last_accepted "
                + "FROM key_task k CROSS JOIN p WHERE k.status IN " + REGISTERED
                + (sameYear ? " AND k.year = cast(substr(p.period, 1, 4) AS int)" : "")
                + (taskFilter.isEmpty() ? "" : " AND " + taskFilter)
                + (scopeFilter.isEmpty() ? "" : " AND " + scopeFilter) + "), "
                + "s AS (SELECT t.id AS task_id, t.period, si.id AS sub_item_id, si.list_order, si.weight, "
                + "coalesce((SELECT m.planned_percent FROM task_sub_item_month m WHERE m.sub_item_id = si.id AND m.month <= t.period "
                + "ORDER BY m.month DESC LIMIT 1), 0) AS planned, "
                + "coalesce((SELECT ps.actual FROM progress_report_sub_item ps WHERE ps.report_id = t.last_accepted "
                + "AND ps.sub_item_id = si.id), "
                // only when that report gives no value: the latest accepted report that does
                + "(SELECT ps.actual FROM progress_report_sub_item ps JOIN progress_report r ON r.id = ps.report_id "
                + "WHERE ps.sub_item_id = si.id AND ps.actual IS NOT NULL AND r.status = 'ACCEPTED' AND r.period <= t.period "
                + "ORDER BY r.period DESC LIMIT 1), 0) AS actual "
                + "FROM t JOIN task_sub_item si ON si.task_id = t.id), "
                + "a AS (SELECT task_id, period, round(sum(weight * planned) / nullif(sum(weight), 0), 2) AS planned, "
                + "round(sum(weight * actual) / nullif(sum(weight), 0), 2) AS actual FROM s GROUP BY task_id, period), "
                + "f AS (SELECT t.id AS task_id, t.period, coalesce(a.planned, 0) AS planned, coalesce(a.actual, 0) AS actual, "
                + lag + " AS lag, r.id AS report_id, r.status AS report_status, "
                + "CASE WHEN t.status IN ('COMPLETED', 'CLOSED') OR coalesce(a.actual, 0) >= 100 THEN 'COMPLETED' "
                // the month's ledger is closed, or its reporting is (the monthly cycle marked the report NOT_REPORTED)
                + "WHEN (t.closed AND r.status IS DISTINCT FROM 'ACCEPTED') OR r.status = 'NOT_REPORTED' THEN 'NOT_REPORTED' "
                + "WHEN t.as_of > t.deadline OR " + lag + " >= " + threshold(general.redLag(), byCategory, true) + " THEN 'RED' "
                + "WHEN " + lag + " >= " + threshold(general.yellowLag(), byCategory, false) + " THEN 'YELLOW' "
                + "ELSE 'GREEN' END AS light "
                + "FROM t LEFT JOIN a ON a.task_id = t.id AND a.period = t.period "
                + "LEFT JOIN progress_report r ON r.task_id = t.id AND r.period = t.period)";
    }

    /** A unit account's tasks: those its unit leads or cooperates on ({@code :scope}). */
    public static String scope(String alias) {
        return "(" + alias + ".lead_unit_id = :scope OR EXISTS (SELECT 1 FROM key_task_cooperation c WHERE c.task_id = "
                + alias + ".id AND c.unit_id = :scope))";
    }

    private static String threshold(BigDecimal general, Map<String, Thresholds> byCategory, boolean red) {
        if (byCategory.isEmpty()) {
            return general.toPlainString();
        }
        StringBuilder sql = new StringBuilder("CASE t.category");
        byCategory.forEach((category, thresholds) -> {
            if (!category.matches("[A-Z_]{1,32}")) {
                throw new IllegalArgumentException("Not a category: " + category);
            }
            sql.append(" WHEN '").append(category).append("' THEN ")
                    .append((red ? thresholds.redLag() : thresholds.yellowLag()).toPlainString());
        });
        return sql.append(" ELSE ").append(general.toPlainString()).append(" END").toString();
    }
}
