package cn.keywork.supervision.progress.lights.repository;

import cn.keywork.supervision.progress.lights.domain.LightRules;

/** The ledger's row queries, live (from the figures computed now) and frozen (from ledger_row). */
public final class LedgerSql {

    private static final String ROW_COLUMNS = "fig.period, %s AS version, fig.task_id, k.code, k.title, k.category, k.lead_unit_id, "
            + "u.name AS lead_unit_name, "
            + "coalesce((SELECT array_agg(c.unit_id ORDER BY c.list_order) FROM key_task_cooperation c WHERE c.task_id = k.id), "
            + "cast('{}' AS uuid[])) AS cooperating_unit_ids, "
            + "coalesce((SELECT array_agg(cu.name ORDER BY c.list_order) FROM key_task_cooperation c JOIN org_unit cu ON cu.id = c.unit_id "
            + "WHERE c.task_id = k.id), cast('{}' AS varchar[])) AS cooperating_unit_names, "
            + "au.display_name AS leader_name, k.deadline, fig.planned, fig.actual, fig.lag, fig.light, fig.report_id, fig.report_status, "
            + "CASE WHEN r.status = 'ACCEPTED' THEN r.summary END AS summary, "
            + "CASE WHEN r.status = 'ACCEPTED' THEN r.problems END AS problems, "
            + "cast((SELECT count(*) FROM attachment ph WHERE ph.owner_type = 'REPORT' AND ph.owner_id = fig.report_id "
            + "AND ph.content_type LIKE 'image/%%') AS int) AS photo_count, row_number() OVER (ORDER BY k.code, k.id) AS row_no";

    private static final String ROW_JOINS = " JOIN key_task k ON k.id = fig.task_id JOIN org_unit u ON u.id = k.lead_unit_id "
            + "LEFT JOIN app_user au ON au.id = k.leader_in_charge_id LEFT JOIN progress_report r ON r.id = fig.report_id";

    /** What a reader gets, in {@link LedgerRepository#row} order. */
    static final String OUT = "period, version, task_id, code, title, category, lead_unit_id, lead_unit_name, "
            + "array_to_string(cooperating_unit_names, chr(31)), leader_name, deadline, planned, actual, lag, light, report_id, "
            + "report_status, summary, problems, photo_count";

    static final String FROZEN_SCOPE = "(x.lead_unit_id = :scope OR :scope = ANY (x.cooperating_unit_ids))";

    private LedgerSql() {
    }

    /** The month's rows computed now ({@code :period}, {@code :today}, optionally {@code :scope}), as CTE x. */
    public static String live(LightRules rules, boolean scoped) {
        return FigureSql.ctes(FigureSql.onePeriod(), true, "", scoped ? FigureSql.scope("k") : "", rules.general(),
                rules.byCategory()) + ", x AS (SELECT " + ROW_COLUMNS.formatted("cast(NULL AS int)") + " FROM f fig" + ROW_JOINS + ")";
    }

    /** A frozen version's rows ({@code :period}, {@code :version}, optionally {@code :scope}), as CTE x. */
    public static String frozen(boolean scoped) {
        return "WITH x AS (SELECT * FROM ledger_row x WHERE x.period = :period AND x.version = :version"
                + (scoped ? " AND " + FROZEN_SCOPE : "") + ")";
    }

    /** Freezes the stored figures of {@code :period} as version {@code :version} (tasks of {@code :year} in the register). */
    static String freeze() {
        return "INSERT INTO ledger_row (period, version, task_id, code, title, category, lead_unit_id, lead_unit_name, "
                + "cooperating_unit_ids, cooperating_unit_names, leader_name, deadline, planned, actual, lag, light, report_id, "
                + "report_status, summary, problems, photo_count, row_no) SELECT "
                + ROW_COLUMNS.formatted("cast(:version AS int)") + " FROM progress_figure fig" + ROW_JOINS
                + " WHERE fig.period = :period AND k.status IN " + FigureSql.REGISTERED + " AND k.year = :year";
    }

    /** Every row of x, in ledger order (for exports). */
    public static String all(String x) {
        return x + " SELECT " + OUT + " FROM x ORDER BY row_no";
    }
}
