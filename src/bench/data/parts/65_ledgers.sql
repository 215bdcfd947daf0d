-- The ledgers of the closed months (every month before the current one): closed by the monthly cycle
-- on the 26th, frozen as version 1 from the stored figures exactly as LedgerSql.freeze() does, and
-- published at once, so the anonymous public ledger has every closed month.

CREATE TEMP TABLE gen_closed AS
SELECT m, pg_temp.ym(p.yr, m) AS period, pg_temp.at(p.yr, m, 26, 2, 0) AS closed_at
FROM gen_param p, generate_series(1, least(p.cur_month - 1, 12)) m;

WITH ins AS (
    INSERT INTO ledger (period, latest_version, closed_at, closed_by, published_version, published_at, published_by, version)
    SELECT period, 1, closed_at, NULL, 1, closed_at + interval '2 minutes', NULL, 2 FROM gen_closed ORDER BY m
    RETURNING 1)
SELECT pg_temp.logged('ledger', count(*)) FROM ins \g /dev/null

WITH ins AS (
    INSERT INTO ledger_version (period, number, reason, row_count, created_at, created_by)
    SELECT c.period, 1, NULL, (SELECT count(*) FROM gen_fig f WHERE f.m = c.m), c.closed_at + interval '1 minute', NULL
    FROM gen_closed c ORDER BY c.m
    RETURNING 1)
SELECT pg_temp.logged('ledger_version', count(*)) FROM ins \g /dev/null

CREATE TEMP TABLE gen_photos AS
SELECT owner_id AS report_id, count(*) AS photos FROM gen_att a JOIN gen_image img ON img.n = a.image
WHERE a.owner_type = 'REPORT' AND img.content_type LIKE 'image/%' GROUP BY owner_id;
ALTER TABLE gen_photos ADD PRIMARY KEY (report_id);
ANALYZE gen_photos;

CREATE TEMP TABLE gen_coop_names AS
SELECT c.i, array_agg(c.unit_id ORDER BY c.j) AS ids, array_agg(u.name ORDER BY c.j)::varchar(100)[] AS names
FROM gen_coop c JOIN org_unit u ON u.id = c.unit_id GROUP BY c.i;
ALTER TABLE gen_coop_names ADD PRIMARY KEY (i);
ANALYZE gen_coop_names;

WITH ins AS (
    INSERT INTO ledger_row (period, version, row_no, task_id, code, title, category, lead_unit_id, lead_unit_name,
                            cooperating_unit_ids, cooperating_unit_names, leader_name, deadline, planned, actual, lag, light,
                            report_id, report_status, summary, problems, photo_count)
    SELECT f.period, 1, row_number() OVER (PARTITION BY f.m ORDER BY t.code, t.id), t.id, t.code, t.title, t.category,
           t.lead_id, u.name, coalesce(cn.ids, '{}'), coalesce(cn.names, '{}'), au.display_name, t.deadline, f.planned,
           f.actual, f.lag, f.light, f.report_id, f.report_status,
           CASE WHEN r.status = 'ACCEPTED' THEN r.summary END, CASE WHEN r.status = 'ACCEPTED' THEN r.problems END,
           coalesce(ph.photos, 0)
    FROM gen_fig f JOIN gen_closed c ON c.m = f.m JOIN gen_task t ON t.i = f.i JOIN org_unit u ON u.id = t.lead_id
         LEFT JOIN gen_coop_names cn ON cn.i = t.i LEFT JOIN app_user au ON au.id = t.leader_id
         LEFT JOIN progress_report r ON r.id = f.report_id LEFT JOIN gen_photos ph ON ph.report_id = f.report_id
    ORDER BY f.m, t.code, t.id
    RETURNING 1)
SELECT pg_temp.logged('ledger_row', count(*)) FROM ins \g /dev/null
