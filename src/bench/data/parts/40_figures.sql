-- The stored figures (progress_figure) of every registered task and month up to the current one, as
-- the service's own computation (FigureSql) gives them from the schedules and the accepted reports,
-- with the default thresholds (yellow from a lag of 10, red from 20): planned and actual weighted by
-- the sub-items' weights, the actual that of the latest accepted report up to the month. Months before
-- the current one are closed (their ledgers are written in 55_ledgers.sql).

-- planned per task and month (weighted by the sub-items' weights)
CREATE TEMP TABLE gen_planned AS
SELECT s.i, mm.m, round(sum(s.weight * pg_temp.planned(s.s, s.e, mm.m)) / sum(s.weight), 2) AS planned
FROM (SELECT x.* FROM gen_sub x WHERE x.i IN (SELECT t.i FROM gen_task t WHERE t.registered)) s
     CROSS JOIN generate_series(1, (SELECT least(cur_month, 12) FROM gen_param)) mm(m)
GROUP BY s.i, mm.m;
ALTER TABLE gen_planned ADD PRIMARY KEY (i, m);
ANALYZE gen_planned;

-- each month's report and the latest accepted month up to it (a running maximum)
CREATE TEMP TABLE gen_month AS
SELECT g.i, g.m, r.id AS report_id, r.status AS report_status,
       max(CASE WHEN r.status = 'ACCEPTED' THEN g.m END) OVER (PARTITION BY g.i ORDER BY g.m) AS last_accepted
FROM gen_planned g LEFT JOIN gen_rep r ON r.i = g.i AND r.m = g.m;
ALTER TABLE gen_month ADD PRIMARY KEY (i, m);
ANALYZE gen_month;

CREATE TEMP TABLE gen_fig AS
SELECT g.i, t.id AS task_id, g.m, pg_temp.ym(p.yr, g.m) AS period, pl.planned,
       coalesce(tot.actual, 0) AS actual, pl.planned - coalesce(tot.actual, 0) AS lag,
       g.report_id, g.report_status,
       CASE WHEN t.status IN ('COMPLETED', 'CLOSED') OR coalesce(tot.actual, 0) >= 100 THEN 'COMPLETED'
            WHEN (g.m < p.cur_month AND g.report_status IS DISTINCT FROM 'ACCEPTED') OR g.report_status = 'NOT_REPORTED' THEN 'NOT_REPORTED'
            WHEN least(p.today, (make_date(p.yr, g.m, 1) + interval '1 month' - interval '1 day')::date) > t.deadline
                 OR pl.planned - coalesce(tot.actual, 0) >= 20 THEN 'RED'
            WHEN pl.planned - coalesce(tot.actual, 0) >= 10 THEN 'YELLOW'
            ELSE 'GREEN' END AS light,
       CASE WHEN g.m < p.cur_month THEN pg_temp.at(p.yr, g.m, 26, 1, 0)
            ELSE p.day_start END
           AS computed_at
FROM gen_month g JOIN gen_task t ON t.i = g.i JOIN gen_planned pl ON pl.i = g.i AND pl.m = g.m
     LEFT JOIN gen_rep acc ON acc.i = g.i AND acc.m = g.last_accepted
     LEFT JOIN gen_rep_total tot ON tot.report_id = acc.id, gen_param p;
ALTER TABLE gen_fig ADD PRIMARY KEY (i, m);
ANALYZE gen_fig;

WITH ins AS (
    INSERT INTO progress_figure (task_id, period, planned, actual, lag, light, report_id, report_status, computed_at)
    SELECT task_id, period, planned, actual, lag, light, report_id, report_status, computed_at
    FROM gen_fig ORDER BY i, m
    RETURNING 1)
SELECT pg_temp.logged('progress_figure', count(*)) FROM ins \g /dev/null
