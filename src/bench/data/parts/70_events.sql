-- The domain event log of the generated history, with the payloads the service writes: tasks
-- registered, reports submitted / returned / accepted, evidence attached, slips drafted and moved,
-- ledgers closed and published, and light changes between months. In time order; the consumers'
-- cursors (points posting, webhook fan-out) are moved past them, so nothing reprocesses the history.
-- No trigger fires (session_replication_role = replica): no notifications for the history.

CREATE TEMP TABLE gen_event (
    at timestamptz NOT NULL, ord int NOT NULL, k bigint NOT NULL,
    type text NOT NULL, object_type text NOT NULL, object_id text NOT NULL, i int, period text, payload jsonb NOT NULL,
    actor_id uuid
);

-- tasks registered
INSERT INTO gen_event
SELECT t.created_at + interval '5 days', 1, t.i, 'task.registered', 'TASK', t.id::text, t.i, NULL,
       jsonb_build_object('code', t.code, 'title', t.title, 'status', 'ACTIVE', 'category', t.category,
                          'deadline', to_char(t.deadline, 'YYYY-MM-DD')),
       pg_temp.u('user', 1)
FROM gen_task t WHERE t.numbered;

-- reports: first submission, a return, the second submission, the decision
INSERT INTO gen_event
SELECT x.at, x.ord, r.k, x.type, 'ProgressReport', r.id::text, r.i, pg_temp.ym(p.yr, r.m),
       jsonb_build_object('taskId', t.id, 'code', t.code, 'period', pg_temp.ym(p.yr, r.m), 'late', r.late, 'version', x.version),
       x.actor
FROM gen_rep r JOIN gen_task t ON t.i = r.i, gen_param p,
     LATERAL (VALUES (r.first_submitted_at, 2, 'report.submitted', 1, pg_temp.u('user', 100 + r.lead)),
                     (r.returned_at, 3, 'report.returned', 1, pg_temp.u('user', 1)),
                     (CASE WHEN r.resubmitted THEN r.submitted_at END, 4, 'report.submitted', 2, pg_temp.u('user', 100 + r.lead)),
                     (CASE WHEN r.status = 'ACCEPTED' THEN r.decided_at END, 5, 'report.accepted', r.submitted_count,
                      pg_temp.u('user', 1))) x(at, ord, type, version, actor)
WHERE x.at IS NOT NULL;

-- evidence attached
INSERT INTO gen_event
SELECT a.uploaded_at, 6, a.a, 'evidence.attached', 'Attachment', a.id::text, a.i,
       CASE WHEN a.m IS NOT NULL THEN pg_temp.ym(p.yr, a.m) END,
       jsonb_build_object('taskId', t.id, 'period', CASE WHEN a.m IS NOT NULL THEN pg_temp.ym(p.yr, a.m) END,
                          'attachmentId', a.id, 'contentType', img.content_type, 'flags', '[]'::jsonb),
       pg_temp.u('user', 100 + t.lead)
FROM gen_att a JOIN gen_task t ON t.i = a.i JOIN gen_image img ON img.n = a.image, gen_param p
WHERE a.owner_type = 'REPORT';

-- slips: drafted, then one event per move
INSERT INTO gen_event
SELECT s.drafted_at, 7, s.k * 10, 'slip.drafted', 'Slip', s.id::text, s.i, NULL,
       jsonb_build_object('slipType', s.type, 'taskId', t.id, 'code', t.code), pg_temp.u('user', 1)
FROM gen_slip s JOIN gen_task t ON t.i = s.i;
INSERT INTO gen_event
SELECT s.drafted_at + m.hours * interval '1 hour', 7, s.k * 10 + m.number,
       CASE m.action WHEN 'SUBMIT_FOR_APPROVAL' THEN 'slip.submitted_for_approval' WHEN 'APPROVE' THEN 'slip.approved'
                     WHEN 'ISSUE' THEN 'slip.issued' WHEN 'ACKNOWLEDGE' THEN 'slip.acknowledged'
                     WHEN 'RESPOND' THEN 'slip.responded' WHEN 'CLOSE' THEN 'slip.closed' WHEN 'WITHDRAW' THEN 'slip.withdrawn' END,
       'Slip', s.id::text, s.i, NULL,
       jsonb_strip_nulls(jsonb_build_object('slipType', s.type, 'taskId', t.id, 'code', t.code,
                          'number', CASE WHEN m.action NOT IN ('SUBMIT_FOR_APPROVAL', 'APPROVE', 'WITHDRAW')
                                         THEN CASE s.type WHEN 'ASSIGNMENT' THEN '督交' WHEN 'URGING' THEN '督催' ELSE '督办' END
                                              || '〔' || p.yr || '〕' || s.serial || '号' END)),
       CASE WHEN m.action IN ('ACKNOWLEDGE', 'RESPOND') THEN pg_temp.u('user', 100 + t.lead)
            WHEN m.action = 'APPROVE' THEN t.leader_id ELSE pg_temp.u('user', 1) END
FROM gen_slip_move m JOIN gen_slip s ON s.k = m.k JOIN gen_task t ON t.i = s.i, gen_param p
WHERE m.action <> 'ACCEPT_RESPONSE';

-- light changes between consecutive months
INSERT INTO gen_event
SELECT f.computed_at, 8, f.i * 100 + f.m, 'light.changed', 'TASK', f.task_id::text, f.i, f.period,
       jsonb_build_object('taskId', f.task_id, 'code', t.code, 'period', f.period, 'from', prev.light, 'to', f.light),
       NULL
FROM gen_fig f JOIN gen_fig prev ON prev.i = f.i AND prev.m = f.m - 1 JOIN gen_task t ON t.i = f.i
WHERE prev.light <> f.light;

-- ledgers closed and published
INSERT INTO gen_event
SELECT c.closed_at + x.after, 9, c.m, x.type, 'LEDGER', c.period, NULL, c.period,
       jsonb_build_object('period', c.period, 'version', 1, 'rowCount', (SELECT count(*) FROM gen_fig f WHERE f.m = c.m)), NULL
FROM gen_closed c, (VALUES ('ledger.closed', interval '1 minute'), ('ledger.published', interval '2 minutes')) x(type, after);

ANALYZE gen_event;

WITH ins AS (
    INSERT INTO domain_event (id, type, object_type, object_id, unit_ids, period, payload, occurred_at, actor_id)
    SELECT pg_temp.u('event', row_number() OVER (ORDER BY e.at, e.ord, e.k, e.type)), e.type, e.object_type, e.object_id,
           CASE WHEN e.i IS NULL THEN '{}'::uuid[] ELSE array_prepend(t.lead_id, coalesce(cn.ids, '{}')) END,
           e.period, e.payload, e.at, e.actor_id
    FROM gen_event e LEFT JOIN gen_task t ON t.i = e.i LEFT JOIN gen_coop_names cn ON cn.i = e.i
    ORDER BY e.at, e.ord, e.k, e.type
    RETURNING 1)
SELECT pg_temp.logged('domain_event', count(*)) FROM ins \g /dev/null

-- the consumers stand after the generated events (this transaction's id and the last number)
UPDATE point_posting_cursor SET tx_id = pg_current_xact_id(), seq = (SELECT max(seq) FROM domain_event), updated_at = now();
