-- Monthly reports of the registered tasks: closed months (before the current one) ACCEPTED, a few
-- still SUBMITTED in the last closed month, NOT_REPORTED where the month closed without one; the
-- current month open: every unit keeps its first 50 ACTIVE tasks (or all it has) without a report,
-- the others mix SUBMITTED, DRAFT, RETURNED and none. Actuals grow with the schedule times the task's
-- pace, so lights of every colour follow.

CREATE TEMP TABLE gen_rep AS
WITH p AS (SELECT * FROM gen_param),
     months AS (
        SELECT t.i, m, t.i * 100 + m AS k, t.status AS task_status, t.unit_rank, t.lead, t.done_month,
               pg_temp.h(t.i * 100 + m, 'rep') % 1000 AS r
        FROM gen_task t, p, generate_series(1, least(p.cur_month, 12)) m
        WHERE t.registered AND (t.done_month IS NULL OR m <= t.done_month))
SELECT x.i, x.m, x.k, pg_temp.u('rep', x.k) AS id,
       CASE WHEN x.m < p.cur_month - 1 THEN CASE WHEN x.r < 955 THEN 'ACCEPTED' ELSE 'NOT_REPORTED' END
            WHEN x.m = p.cur_month - 1 THEN CASE WHEN x.r < 900 THEN 'ACCEPTED' WHEN x.r < 940 THEN 'SUBMITTED' ELSE 'NOT_REPORTED' END
            WHEN x.task_status <> 'ACTIVE' OR x.unit_rank <= 50 THEN NULL
            WHEN x.r < 350 THEN 'SUBMITTED' WHEN x.r < 450 THEN 'DRAFT' WHEN x.r < 480 THEN 'RETURNED'
            ELSE NULL END AS status,
       -- returned once and submitted again
       x.m < p.cur_month AND pg_temp.h(x.k, 'resubmitted') % 100 < 4 AS resubmitted,
       x.m < p.cur_month AND pg_temp.h(x.k, 'late') % 100 < 8 AS late,
       x.lead
FROM months x, p;
DELETE FROM gen_rep WHERE status IS NULL;
ALTER TABLE gen_rep ADD PRIMARY KEY (i, m);

-- moments: drafted on the 10th–14th, submitted by the 25th (late ones after it), decided 1–3 days later
ALTER TABLE gen_rep ADD COLUMN created_at timestamptz, ADD COLUMN submitted_at timestamptz, ADD COLUMN decided_at timestamptz,
    ADD COLUMN submitted_count int, ADD COLUMN returned_at timestamptz, ADD COLUMN first_submitted_at timestamptz;
UPDATE gen_rep r SET
    created_at = least(pg_temp.at(p.yr, r.m, 10 + pg_temp.h(r.k, 'created') % 5, 9, pg_temp.h(r.k, 'created-m') % 60),
                       (SELECT day_start FROM gen_param) - interval '3 hours'),
    submitted_count = CASE WHEN r.status IN ('DRAFT', 'NOT_REPORTED') THEN 0 WHEN r.resubmitted THEN 2 ELSE 1 END
FROM gen_param p;
UPDATE gen_rep r SET
    first_submitted_at = least(CASE WHEN r.late THEN pg_temp.at(p.yr, r.m, 26 + pg_temp.h(r.k, 'sub-d') % 3, 9 + pg_temp.h(r.k, 'sub-h') % 8, pg_temp.h(r.k, 'sub-m') % 60)
                                ELSE pg_temp.at(p.yr, r.m, 15 + pg_temp.h(r.k, 'sub-d') % 11, 9 + pg_temp.h(r.k, 'sub-h') % 8, pg_temp.h(r.k, 'sub-m') % 60) END,
                               (SELECT day_start FROM gen_param) - interval '2 hours')
FROM gen_param p WHERE r.submitted_count > 0;
UPDATE gen_rep r SET
    returned_at = CASE WHEN r.resubmitted OR r.status = 'RETURNED' THEN least(r.first_submitted_at + interval '1 day', (SELECT day_start FROM gen_param) - interval '90 minutes') END,
    submitted_at = CASE WHEN r.resubmitted THEN least(r.first_submitted_at + interval '2 days', (SELECT day_start FROM gen_param) - interval '80 minutes') ELSE r.first_submitted_at END
WHERE r.submitted_count > 0;
UPDATE gen_rep r SET decided_at = CASE WHEN r.status = 'ACCEPTED' THEN least(r.submitted_at + (1 + pg_temp.h(r.k, 'decided') % 3) * interval '1 day', (SELECT day_start FROM gen_param) - interval '1 hour')
                                       WHEN r.status = 'RETURNED' THEN r.returned_at END;
ANALYZE gen_rep;

-- each report's line per sub-item (NOT_REPORTED months have none): actual = planned × pace, capped at
-- 100; a completed task's lines reach 100 in its completion month
CREATE TEMP TABLE gen_line AS
SELECT r.i, r.m, r.id AS report_id, s.j, s.id AS sub_item_id, s.weight,
       CASE WHEN t.done_month IS NOT NULL AND r.m >= t.done_month THEN 100.00
            ELSE least(100.00, round(pg_temp.planned(s.s, s.e, r.m) * t.pf * s.nz, 2)) END AS actual
FROM gen_rep r JOIN gen_task t ON t.i = r.i JOIN gen_sub s ON s.i = r.i
WHERE r.status <> 'NOT_REPORTED';
ANALYZE gen_line;

CREATE TEMP TABLE gen_rep_total AS
SELECT report_id, round(sum(weight * actual) / sum(weight), 2) AS actual,
       jsonb_agg(jsonb_build_object('subItemId', sub_item_id, 'actual', actual, 'note', NULL) ORDER BY j) AS items
FROM gen_line GROUP BY report_id;
ALTER TABLE gen_rep_total ADD PRIMARY KEY (report_id);
ANALYZE gen_rep_total;

WITH ins AS (
    INSERT INTO progress_report (id, task_id, period, status, summary, problems, measures, next_steps, late, flags,
                                 submitted_count, submitted_at, submitted_by, decided_at, decided_by, decision_comment,
                                 version, created_at, updated_at)
    SELECT r.id, t.id, pg_temp.ym(p.yr, r.m), r.status,
           CASE WHEN r.status <> 'NOT_REPORTED' THEN pg_temp.pick(ws.w, r.k, 'summary') || '，累计完成 ' || tot.actual || '%。' END,
           CASE WHEN r.status <> 'NOT_REPORTED' THEN pg_temp.pick(wp.w, r.k, 'problem') END,
           CASE WHEN r.status <> 'NOT_REPORTED' THEN pg_temp.pick(wm.w, r.k, 'measure') END,
           CASE WHEN r.status <> 'NOT_REPORTED' THEN pg_temp.pick(wn.w, r.k, 'next') END,
           r.late, '{}', r.submitted_count, r.submitted_at,
           CASE WHEN r.submitted_count > 0 THEN pg_temp.u('user', 100 + r.lead) END,
           r.decided_at, CASE WHEN r.decided_at IS NOT NULL THEN pg_temp.u('user', 1) END,
           CASE WHEN r.status = 'RETURNED' THEN '请补充佐证材料并核实进度数据。' END,
           CASE r.status WHEN 'DRAFT' THEN 1 WHEN 'NOT_REPORTED' THEN 1 WHEN 'SUBMITTED' THEN 2 * r.submitted_count
                         ELSE 2 * r.submitted_count + 1 END,
           CASE WHEN r.status = 'NOT_REPORTED' THEN pg_temp.at(p.yr, r.m, 26, 1, 0) ELSE r.created_at END,
           CASE WHEN r.status = 'NOT_REPORTED' THEN pg_temp.at(p.yr, r.m, 26, 1, 0)
                ELSE coalesce(r.decided_at, r.submitted_at, r.created_at) END
    FROM gen_rep r JOIN gen_task t ON t.i = r.i LEFT JOIN gen_rep_total tot ON tot.report_id = r.id, gen_param p,
         (SELECT w FROM gen_words WHERE kind = 'summary') ws, (SELECT w FROM gen_words WHERE kind = 'problem') wp,
         (SELECT w FROM gen_words WHERE kind = 'measure') wm, (SELECT w FROM gen_words WHERE kind = 'next') wn
    ORDER BY r.i, r.m
    RETURNING 1)
SELECT pg_temp.logged('progress_report', count(*)) FROM ins \g /dev/null

WITH ins AS (
    INSERT INTO progress_report_sub_item (report_id, sub_item_id, actual, note, correction_reason, updated_by, updated_at)
    SELECT l.report_id, l.sub_item_id, l.actual, NULL, NULL, pg_temp.u('user', 100 + r.lead), r.created_at
    FROM gen_line l JOIN gen_rep r ON r.i = l.i AND r.m = l.m
    ORDER BY l.i, l.m, l.j
    RETURNING 1)
SELECT pg_temp.logged('progress_report_sub_item', count(*)) FROM ins \g /dev/null

-- every submission kept whole (a resubmitted report has two)
WITH ins AS (
    INSERT INTO progress_report_version (report_id, number, submitted_at, submitted_by, late, content)
    SELECT r.id, v.number, CASE WHEN v.number = r.submitted_count THEN r.submitted_at ELSE r.first_submitted_at END,
           pg_temp.u('user', 100 + r.lead), r.late,
           jsonb_build_object('period', pg_temp.ym(p.yr, r.m),
                              'summary', pg_temp.pick(ws.w, r.k, 'summary') || '，累计完成 ' || tot.actual || '%。',
                              'problems', pg_temp.pick(wp.w, r.k, 'problem'), 'measures', pg_temp.pick(wm.w, r.k, 'measure'),
                              'nextSteps', pg_temp.pick(wn.w, r.k, 'next'), 'coordinationRequests', '[]'::jsonb,
                              'subItems', tot.items)
    FROM gen_rep r JOIN gen_rep_total tot ON tot.report_id = r.id, gen_param p, generate_series(1, 2) v(number),
         (SELECT w FROM gen_words WHERE kind = 'summary') ws, (SELECT w FROM gen_words WHERE kind = 'problem') wp,
         (SELECT w FROM gen_words WHERE kind = 'measure') wm, (SELECT w FROM gen_words WHERE kind = 'next') wn
    WHERE v.number <= r.submitted_count
    ORDER BY r.i, r.m, v.number
    RETURNING 1)
SELECT pg_temp.logged('progress_report_version', count(*)) FROM ins \g /dev/null
