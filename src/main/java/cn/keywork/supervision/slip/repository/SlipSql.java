package cn.keywork.supervision.slip.repository;

/**
 * The slips' larger SQL: the evidence snapshot as one jsonb expression, and the proposals the
 * escalation rules call for in a month, both set-based so a month of the whole register is one
 * statement.
 */
final class SlipSql {

    /** Slips that no longer press on their task. */
    static final String SETTLED = "('CLOSED', 'ESCALATED', 'WITHDRAWN', 'REJECTED')";

    private SlipSql() {
    }

    /**
     * The evidence of the task {@code task} (an SQL expression) as the contract's SlipEvidence:
     * its latest {@code :evidenceMonths} figures, its months with a late report or none accepted,
     * and its issued slips other than {@code :except}. Parameter {@code :takenAt} is the time, as text.
     */
    static String evidence(String task) {
        return """
                jsonb_build_object(
                  'takenAt', cast(:takenAt AS text),
                  'months', coalesce((SELECT jsonb_agg(jsonb_build_object('period', trim(f.period), 'planned', f.planned,
                                'actual', f.actual, 'lag', f.lag, 'light', f.light) ORDER BY f.period DESC)
                            FROM (SELECT * FROM progress_figure f0 WHERE f0.task_id = %1$s
                                  ORDER BY f0.period DESC LIMIT cast(:evidenceMonths AS int)) f), '[]'::jsonb),
                  'reports', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object('period', trim(m.period),
                                'status', m.status, 'late', m.late)) ORDER BY m.period DESC)
                            FROM (SELECT r.period, cast(r.status AS varchar) AS status, r.late FROM progress_report r
                                  WHERE r.task_id = %1$s AND (r.late OR r.status = 'NOT_REPORTED')
                                  UNION
                                  SELECT f1.period, cast(f1.report_status AS varchar), false FROM progress_figure f1
                                  WHERE f1.task_id = %1$s AND f1.light = 'NOT_REPORTED'
                                    AND NOT EXISTS (SELECT 1 FROM progress_report x
                                                    WHERE x.task_id = f1.task_id AND x.period = f1.period)
                                  ORDER BY 1 DESC LIMIT 12) m), '[]'::jsonb),
                  'earlierSlips', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object('id', e.id, 'type', e.type,
                                'number', e.number, 'status', e.status, 'outcome', e.outcome,
                                'issuedAt', to_char(e.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))
                                ORDER BY e.issued_at DESC)
                            FROM (SELECT * FROM slip e0 WHERE e0.task_id = %1$s AND e0.id <> cast(:except AS uuid)
                                  AND e0.issued_at IS NOT NULL ORDER BY e0.issued_at DESC LIMIT 20) e), '[]'::jsonb))"""
                .formatted(task);
    }

    /**
     * The CTE {@code proposal} (task_id, type, rule, lag, light, basis_id, basis_number,
     * requirements) of month {@code :period}: a supervision order (R9) for a registered task whose
     * issued urging slip is past its deadline ({@code :today}) with the lag not better than at
     * issue and without an open supervision order; otherwise an urging slip (R8) for a task RED or
     * NOT_REPORTED without an open urging slip or order. Slips drafted from this month's proposals
     * do not block their own proposal, so it stays listed with its draft. Texts take
     * {@code :periodLabel} and {@code :deadlineLabel}.
     */
    static String proposals() {
        return """
                WITH fig AS (
                  SELECT f.task_id, f.lag, f.light FROM progress_figure f JOIN key_task k ON k.id = f.task_id
                  WHERE f.period = cast(:period AS varchar) AND k.status = 'ACTIVE'),
                sup AS (
                  SELECT fig.task_id, 'SUPERVISION' AS type, 'R9' AS rule, fig.lag, fig.light, b.id AS basis_id,
                         b.number AS basis_number
                  FROM fig CROSS JOIN LATERAL (
                    SELECT u.id, u.number FROM slip u
                    WHERE u.task_id = fig.task_id AND u.type = 'URGING' AND u.issued_at IS NOT NULL
                      AND u.status NOT IN ('WITHDRAWN', 'ESCALATED') AND u.response_deadline < cast(:today AS date)
                      AND CASE WHEN u.lag_at_issue IS NULL THEN fig.light IN ('YELLOW', 'RED', 'NOT_REPORTED')
                               ELSE fig.lag >= u.lag_at_issue END
                    ORDER BY u.issued_at DESC LIMIT 1) b
                  WHERE NOT EXISTS (SELECT 1 FROM slip o WHERE o.task_id = fig.task_id AND o.type = 'SUPERVISION'
                                      AND o.status NOT IN ('CLOSED', 'WITHDRAWN', 'REJECTED')
                                      AND o.proposal_period IS DISTINCT FROM cast(:period AS varchar))),
                urg AS (
                  SELECT fig.task_id, 'URGING' AS type, 'R8_' || fig.light AS rule, fig.lag, fig.light,
                         cast(NULL AS uuid) AS basis_id, cast(NULL AS varchar) AS basis_number
                  FROM fig
                  WHERE fig.light IN ('RED', 'NOT_REPORTED')
                    AND NOT EXISTS (SELECT 1 FROM sup WHERE sup.task_id = fig.task_id)
                    AND NOT EXISTS (SELECT 1 FROM slip o WHERE o.task_id = fig.task_id AND o.type IN ('URGING', 'SUPERVISION')
                                      AND o.status NOT IN """ + SETTLED + """
                                      AND o.proposal_period IS DISTINCT FROM cast(:period AS varchar))),
                proposal AS (
                  SELECT x.*, CASE
                    WHEN x.type = 'SUPERVISION' THEN format(
                      '“%%s”经%%s催办后，%%s仍滞后序时进度%%s个百分点，进展未见好转。经市领导批准予以督办，请于%%s前整改到位，并书面反馈整改结果。',
                      k.title, x.basis_number, cast(:periodLabel AS text), trim_scale(x.lag), cast(:deadlineLabel AS text))
                    WHEN x.light = 'NOT_REPORTED' THEN format(
                      '“%%s”%%s未按时报送工作进展。请于%%s前补报进展情况、说明未报原因，并书面反馈。',
                      k.title, cast(:periodLabel AS text), cast(:deadlineLabel AS text))
                    ELSE format(
                      '“%%s”%%s进度滞后序时进度%%s个百分点（红灯）。请于%%s前采取有效措施加快推进，并书面反馈整改措施和进展情况。',
                      k.title, cast(:periodLabel AS text), trim_scale(x.lag), cast(:deadlineLabel AS text))
                    END AS requirements
                  FROM (SELECT * FROM sup UNION ALL SELECT * FROM urg) x JOIN key_task k ON k.id = x.task_id)
                """.replace("%%", "%");
    }
}
