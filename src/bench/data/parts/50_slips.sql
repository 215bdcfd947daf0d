-- Slips (one per task on average) in every state of their life: drafted by the office, supervision
-- orders approved by a leader, issued with a number (督交/督催/督办〔year〕n号), acknowledged, answered
-- and closed by the office; each with its target unit (the task's lead unit), its moves and answers.

CREATE TEMP TABLE gen_reg AS
SELECT row_number() OVER (ORDER BY i) AS n, i FROM gen_task WHERE status = 'ACTIVE';
ALTER TABLE gen_reg ADD PRIMARY KEY (n);
ANALYZE gen_reg;

CREATE TEMP TABLE gen_slip AS
WITH p AS (SELECT * FROM gen_param),
     c AS (SELECT count(*) AS n FROM gen_reg),
     base AS (
        SELECT k, pg_temp.u('slip', k) AS id,
               (SELECT g.i FROM gen_reg g WHERE g.n = 1 + pg_temp.h(k, 'slip-task') % c.n) AS i,
               CASE WHEN pg_temp.h(k, 'slip-type') % 100 < 30 THEN 'ASSIGNMENT'
                    WHEN pg_temp.h(k, 'slip-type') % 100 < 90 THEN 'URGING' ELSE 'SUPERVISION' END AS type,
               pg_temp.h(k, 'slip-status') % 100 AS sr,
               -- drafted in a closed month, from February on
               greatest(1, least(p.cur_month - 1, 12)) AS last_month,
               pg_temp.h(k, 'slip-month') AS mh,
               1 + pg_temp.h(k, 'slip-day') % 20 AS day
        FROM p, c, generate_series(1, p.tasks) k)
SELECT b.k, b.id, b.i, b.type, b.day,
       least(b.last_month, 2 + b.mh % greatest(1, b.last_month - 1)) AS mo,
       CASE WHEN b.sr < 8 THEN 'DRAFT'
            WHEN b.sr < 11 THEN CASE WHEN b.type = 'SUPERVISION' THEN 'PENDING_APPROVAL' ELSE 'DRAFT' END
            WHEN b.sr < 13 THEN 'WITHDRAWN'
            WHEN b.sr < 23 THEN 'ISSUED'
            WHEN b.sr < 35 THEN 'ACKNOWLEDGED'
            WHEN b.sr < 50 THEN 'RESPONDED'
            ELSE 'CLOSED' END AS status,
       pg_temp.h(b.k, 'slip-outcome') % 100 < 85 AS resolved
FROM base b;
ALTER TABLE gen_slip ADD PRIMARY KEY (k);

-- the moves of each slip, in order: (number, action, from, to, hours after drafting)
CREATE TEMP TABLE gen_slip_move AS
WITH paths AS (
    SELECT s.k, s.status, s.type,
           CASE WHEN s.type = 'SUPERVISION' THEN
                ARRAY[['SUBMIT_FOR_APPROVAL', 'DRAFT', 'PENDING_APPROVAL', '2'], ['APPROVE', 'PENDING_APPROVAL', 'APPROVED', '20'],
                      ['ISSUE', 'APPROVED', 'ISSUED', '24']]
                ELSE ARRAY[['ISSUE', 'DRAFT', 'ISSUED', '24']] END
           || ARRAY[['ACKNOWLEDGE', 'ISSUED', 'ACKNOWLEDGED', '30'], ['RESPOND', 'ACKNOWLEDGED', 'RESPONDED', '120'],
                    ['ACCEPT_RESPONSE', 'RESPONDED', 'RESPONDED', '140'], ['CLOSE', 'RESPONDED', 'CLOSED', '150']] AS path
    FROM gen_slip s)
SELECT x.k, row_number() OVER (PARTITION BY x.k ORDER BY x.step) AS number, x.action, x.from_status, x.to_status, x.hours
FROM (
    SELECT p.k, st AS step, p.path[st][1] AS action, p.path[st][2] AS from_status, p.path[st][3] AS to_status,
           p.path[st][4]::int AS hours
    FROM paths p, generate_series(1, array_length(p.path, 1)) st
    WHERE p.status NOT IN ('DRAFT', 'WITHDRAWN')
      AND st <= array_position(ARRAY(SELECT p.path[q][3] FROM generate_series(1, array_length(p.path, 1)) q), p.status)
      -- a slip still RESPONDED has not had its answer accepted yet
      AND NOT (p.status = 'RESPONDED' AND p.path[st][1] = 'ACCEPT_RESPONSE')
    UNION ALL
    SELECT p.k, 1, 'WITHDRAW', 'DRAFT', 'WITHDRAWN', 30 FROM paths p WHERE p.status = 'WITHDRAWN'
) x;
ALTER TABLE gen_slip_move ADD PRIMARY KEY (k, number);
ANALYZE gen_slip_move;

ALTER TABLE gen_slip ADD COLUMN drafted_at timestamptz, ADD COLUMN serial int, ADD COLUMN issued_at timestamptz;
UPDATE gen_slip s SET drafted_at = least(pg_temp.at(p.yr, s.mo, s.day, 9 + pg_temp.h(s.k, 'slip-h') % 8, pg_temp.h(s.k, 'slip-mi') % 60),
                                       (SELECT day_start FROM gen_param) - interval '10 days')
FROM gen_param p;
UPDATE gen_slip s SET issued_at = s.drafted_at + m.hours * interval '1 hour'
FROM gen_slip_move m WHERE m.k = s.k AND m.action = 'ISSUE';
UPDATE gen_slip s SET serial = x.serial
FROM (SELECT k, row_number() OVER (PARTITION BY type ORDER BY issued_at, k) AS serial FROM gen_slip WHERE issued_at IS NOT NULL) x
WHERE x.k = s.k;
ANALYZE gen_slip;

WITH ins AS (
    INSERT INTO slip (id, type, year, number, serial, task_id, sub_item_id, requirements, response_deadline, status, outcome,
                      override_reason, override_by, evidence, response_accepted, superseded_by, drafted_by, approved_by,
                      approved_at, issued_by, issued_at, acknowledged_at, closed_at, version, created_at, updated_at)
    SELECT s.id, s.type, p.yr,
           CASE WHEN s.serial IS NOT NULL THEN
                CASE s.type WHEN 'ASSIGNMENT' THEN '督交' WHEN 'URGING' THEN '督催' ELSE '督办' END || '〔' || p.yr || '〕' || s.serial || '号' END,
           s.serial, t.id, NULL,
           CASE s.type
               WHEN 'ASSIGNMENT' THEN '请你单位牵头落实“' || t.title || '”，细化工作方案，明确责任人和时间节点，于 10 个工作日内反馈落实情况。'
               ELSE '经核查，你单位牵头的“' || t.title || '”' || p.yr || '年' || f.m || '月计划进度 ' || f.planned || '%，实际完成 '
                    || f.actual || '%，' || CASE WHEN f.lag > 0 THEN '滞后 ' || f.lag || ' 个百分点' ELSE '需加快推进' END
                    || '。请于 10 日内报送整改措施及完成时限。' END,
           (coalesce(s.issued_at, s.drafted_at) AT TIME ZONE 'Asia/Shanghai')::date + 10,
           s.status,
           CASE WHEN s.status = 'CLOSED' THEN CASE WHEN s.resolved THEN 'RESOLVED' ELSE 'UNRESOLVED' END END,
           NULL, NULL,
           jsonb_build_object('months', jsonb_build_array(jsonb_build_object('period', f.period, 'planned', f.planned,
                                  'actual', f.actual, 'lag', f.lag, 'light', f.light)),
                              'reports', '[]'::jsonb, 'takenAt', to_char(s.drafted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"'),
                              'earlierSlips', '[]'::jsonb),
           s.status = 'CLOSED',
           NULL, pg_temp.u('user', 1),
           CASE WHEN ap.k IS NOT NULL THEN t.leader_id END, s.drafted_at + ap.hours * interval '1 hour',
           CASE WHEN s.issued_at IS NOT NULL THEN pg_temp.u('user', 1) END, s.issued_at,
           s.drafted_at + ack.hours * interval '1 hour', s.drafted_at + cl.hours * interval '1 hour',
           1 + coalesce((SELECT count(*) FROM gen_slip_move m WHERE m.k = s.k), 0), s.drafted_at,
           s.drafted_at + coalesce((SELECT max(m.hours) FROM gen_slip_move m WHERE m.k = s.k), 0) * interval '1 hour'
    FROM gen_slip s JOIN gen_task t ON t.i = s.i
         LEFT JOIN gen_fig f ON f.i = s.i AND f.m = greatest(1, s.mo - 1)
         LEFT JOIN gen_slip_move ap ON ap.k = s.k AND ap.action = 'APPROVE'
         LEFT JOIN gen_slip_move ack ON ack.k = s.k AND ack.action = 'ACKNOWLEDGE'
         LEFT JOIN gen_slip_move cl ON cl.k = s.k AND cl.action = 'CLOSE', gen_param p
    ORDER BY s.k
    RETURNING 1)
SELECT pg_temp.logged('slip', count(*)) FROM ins \g /dev/null

WITH ins AS (
    INSERT INTO slip_target_unit (slip_id, unit_id, list_order)
    SELECT s.id, t.lead_id, 0 FROM gen_slip s JOIN gen_task t ON t.i = s.i ORDER BY s.k
    RETURNING 1)
SELECT pg_temp.logged('slip_target_unit', count(*)) FROM ins \g /dev/null

WITH ins AS (
    INSERT INTO slip_move (slip_id, number, action, from_status, to_status, comment, outcome, actor_id, actor_unit, moved_at)
    SELECT s.id, m.number, m.action, m.from_status, m.to_status,
           CASE m.action WHEN 'RESPOND' THEN '我单位已对照要求逐项整改，主要负责同志现场调度，本月进度已明显加快。'
                         WHEN 'ACCEPT_RESPONSE' THEN '整改措施具体可行，予以认可，请按计划抓好落实。'
                         WHEN 'CLOSE' THEN '反馈措施已落实，予以办结，后续纳入月度跟踪。'
                         WHEN 'WITHDRAW' THEN '情况已变化，撤回本单。' END,
           CASE WHEN m.action = 'CLOSE' THEN CASE WHEN s.resolved THEN 'RESOLVED' ELSE 'UNRESOLVED' END END,
           CASE WHEN m.action IN ('ACKNOWLEDGE', 'RESPOND') THEN pg_temp.u('user', 100 + t.lead)
                WHEN m.action = 'APPROVE' THEN t.leader_id ELSE pg_temp.u('user', 1) END,
           CASE WHEN m.action IN ('ACKNOWLEDGE', 'RESPOND') THEN t.lead_id
                WHEN m.action = 'APPROVE' THEN pg_temp.u('office', 4) ELSE pg_temp.u('office', 1) END,
           s.drafted_at + m.hours * interval '1 hour'
    FROM gen_slip_move m JOIN gen_slip s ON s.k = m.k JOIN gen_task t ON t.i = s.i
    ORDER BY m.k, m.number
    RETURNING 1)
SELECT pg_temp.logged('slip_move', count(*)) FROM ins \g /dev/null

WITH ins AS (
    INSERT INTO slip_response (slip_id, number, unit_id, text, responded_by, responded_at, decision, decided_by, decided_at,
                               decision_note)
    SELECT s.id, 1, t.lead_id, '我单位已对照要求逐项整改，主要负责同志现场调度，本月进度已明显加快；下一步将按周盯紧节点，确保按期完成年度目标。',
           pg_temp.u('user', 100 + t.lead), s.drafted_at + m.hours * interval '1 hour',
           CASE WHEN acc.k IS NOT NULL THEN 'ACCEPTED' END, CASE WHEN acc.k IS NOT NULL THEN pg_temp.u('user', 1) END,
           s.drafted_at + acc.hours * interval '1 hour',
           CASE WHEN acc.k IS NOT NULL THEN '整改措施具体可行，予以认可，请按计划抓好落实。' END
    FROM gen_slip s JOIN gen_task t ON t.i = s.i JOIN gen_slip_move m ON m.k = s.k AND m.action = 'RESPOND'
         LEFT JOIN gen_slip_move acc ON acc.k = s.k AND acc.action = 'ACCEPT_RESPONSE'
    ORDER BY s.k
    RETURNING 1)
SELECT pg_temp.logged('slip_response', count(*)) FROM ins \g /dev/null

WITH ins AS (
    INSERT INTO slip_number_counter (type, year, last_number)
    SELECT s.type, p.yr, max(s.serial) FROM gen_slip s, gen_param p WHERE s.serial IS NOT NULL GROUP BY s.type, p.yr
    RETURNING 1)
SELECT pg_temp.logged('slip_number_counter', count(*)) FROM ins \g /dev/null
