-- The stored figures (progress_figure) of every registered task and month up to the current one, as
-- the service's own computation (FigureSql) gives them from the schedules and the accepted reports,
-- with the default thresholds (yellow from a lag of 10, red from 20): planned and actual weighted by
-- the sub-items' weights, the actual that of the latest accepted report up to the month. Months before
-- the current one are closed (their ledgers are written in 55_ledgers.sql).

CREATE TEMP TABLE gen_fig AS
WITH p AS (SELECT * FROM gen_param),
     tm AS (SELECT t.i, t.id, t.status, t.deadline, m
            FROM gen_task t, p, generate_series(1, least(p.cur_month, 12)) m WHERE t.registered),
     pl AS (SELECT tm.i, tm.m, round(sum(s.weight * pg_temp.planned(s.s, s.e, tm.m)) / sum(s.weight), 2) AS planned
            FROM tm JOIN gen_sub s ON s.i = tm.i GROUP BY tm.i, tm.m),
     la AS (SELECT tm.i, tm.m,
                   (SELECT max(r.m) FROM gen_rep r WHERE r.i = tm.i AND r.m <= tm.m AND r.status = 'ACCEPTED') AS last_accepted
            FROM tm)
SELECT tm.i, tm.id AS task_id, tm.m, pg_temp.ym(p.yr, tm.m) AS period, pl.planned,
       coalesce(tot.actual, 0) AS actual, pl.planned - coalesce(tot.actual, 0) AS lag,
       r.id AS report_id, r.status AS report_status,
       CASE WHEN tm.status IN ('COMPLETED', 'CLOSED') OR coalesce(tot.actual, 0) >= 100 THEN 'COMPLETED'
            WHEN (tm.m < p.cur_month AND r.status IS DISTINCT FROM 'ACCEPTED') OR r.status = 'NOT_REPORTED' THEN 'NOT_REPORTED'
            WHEN least(p.today, (make_date(p.yr, tm.m, 1) + interval '1 month' - interval '1 day')::date) > tm.deadline
                 OR pl.planned - coalesce(tot.actual, 0) >= 20 THEN 'RED'
            WHEN pl.planned - coalesce(tot.actual, 0) >= 10 THEN 'YELLOW'
            ELSE 'GREEN' END AS light,
       CASE WHEN tm.m < p.cur_month THEN pg_temp.at(p.yr, tm.m, 26, 1, 0)
            ELSE least(now() - interval '30 minutes', (p.today::timestamp + interval '1 hour 15 minutes') AT TIME ZONE 'Asia/Shanghai') END
           AS computed_at
FROM tm JOIN pl ON pl.i = tm.i AND pl.m = tm.m JOIN la ON la.i = tm.i AND la.m = tm.m
     LEFT JOIN gen_rep acc ON acc.i = tm.i AND acc.m = la.last_accepted
     LEFT JOIN gen_rep_total tot ON tot.report_id = acc.id
     LEFT JOIN gen_rep r ON r.i = tm.i AND r.m = tm.m, p;
ALTER TABLE gen_fig ADD PRIMARY KEY (i, m);
ANALYZE gen_fig;

WITH ins AS (
    INSERT INTO progress_figure (task_id, period, planned, actual, lag, light, report_id, report_status, computed_at)
    SELECT task_id, period, planned, actual, lag, light, report_id, report_status, computed_at
    FROM gen_fig ORDER BY i, m
    RETURNING 1)
SELECT pg_temp.logged('progress_figure', count(*)) FROM ins \g /dev/null
