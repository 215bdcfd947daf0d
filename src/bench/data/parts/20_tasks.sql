-- Tasks of every category and status, their cooperating units, registered versions, ten sub-items
-- each and the sub-items' monthly schedules.

CREATE TEMP TABLE gen_task AS
WITH p AS (SELECT * FROM gen_param),
     base AS (
        SELECT i, pg_temp.u('task', i) AS id,
               CASE WHEN pg_temp.h(i, 'cat') % 100 < 30 THEN 'KEY_PROJECT'
                    WHEN pg_temp.h(i, 'cat') % 100 < 55 THEN 'LIVELIHOOD'
                    WHEN pg_temp.h(i, 'cat') % 100 < 70 THEN 'COUNTY_TOPIC'
                    WHEN pg_temp.h(i, 'cat') % 100 < 82 THEN 'MEETING_DECISION'
                    WHEN pg_temp.h(i, 'cat') % 100 < 94 THEN 'LEADER_INSTRUCTION'
                    ELSE 'OTHER' END AS category,
               CASE WHEN pg_temp.h(i, 'status') % 1000 < 20 THEN 'DRAFT'
                    WHEN pg_temp.h(i, 'status') % 1000 < 30 THEN 'SUBMITTED'
                    WHEN pg_temp.h(i, 'status') % 1000 < 35 THEN 'RETURNED'
                    WHEN pg_temp.h(i, 'status') % 1000 < 50 THEN 'CANCELLED'
                    WHEN pg_temp.h(i, 'status') % 1000 < 60 AND p.cur_month > 3 THEN 'CLOSED'
                    WHEN pg_temp.h(i, 'status') % 1000 < 120 AND p.cur_month > 3 THEN 'COMPLETED'
                    ELSE 'ACTIVE' END AS status,
               1 + pg_temp.h(i, 'lead') % p.units AS lead,
               CASE WHEN pg_temp.h(i, 'deadline') % 100 < 82 THEN 12 ELSE 8 + pg_temp.h(i, 'deadline') % 4 END AS dm,
               -- the task's pace: its actuals are the schedule's times this (and a sub-item's own factor)
               0.70 + (pg_temp.h(i, 'pf') % 50) / 100.0 AS pf,
               pg_temp.h(i, 'leader') % 6 AS leader,
               pg_temp.h(i, 'coop') % 4 AS coops,
               1 + pg_temp.h(i, 'coop-step') % (p.units / 4 - 1) AS coop_step,
               pg_temp.pick((SELECT w FROM gen_words WHERE kind = 'place'), i, 'place') AS place,
               pg_temp.pick((SELECT w FROM gen_words WHERE kind = 'object'), i, 'object') AS object,
               pg_temp.pick((SELECT w FROM gen_words WHERE kind = 'build'), i, 'build') AS build,
               pg_temp.pick((SELECT w FROM gen_words WHERE kind = 'topic'), i, 'topic') AS topic,
               pg_temp.pick((SELECT w FROM gen_words WHERE kind = 'source'), i, 'source') AS source,
               1 + pg_temp.h(i, 'created-day') % 50 AS created_day
        FROM p, generate_series(1, p.tasks) i)
SELECT b.*,
       make_date(p.yr, b.dm, 1) + interval '1 month' - interval '1 day' AS deadline,
       -- the month the task was completed (its actuals reach 100 then; reports stop after it)
       CASE WHEN b.status IN ('COMPLETED', 'CLOSED')
            THEN greatest(1, least(p.cur_month - 1, b.dm - pg_temp.h(b.i, 'done') % 3)) END AS done_month,
       b.status IN ('ACTIVE', 'COMPLETED', 'CLOSED', 'CANCELLED') AS numbered,
       b.status IN ('ACTIVE', 'COMPLETED', 'CLOSED') AS registered,
       pg_temp.at(p.yr, 1 + (b.created_day - 1) / 28, 1 + (b.created_day - 1) % 28, 9 + pg_temp.h(b.i, 'created-h') % 8,
                  pg_temp.h(b.i, 'created-m') % 60) AS created_at
FROM base b, p;
ANALYZE gen_task;

-- register codes per category, in task order; ranks of ACTIVE tasks within their lead unit
CREATE TEMP TABLE gen_task_code AS
SELECT t.i,
       CASE WHEN t.numbered THEN p.yr || '-' ||
            CASE t.category WHEN 'KEY_PROJECT' THEN 'GC' WHEN 'LIVELIHOOD' THEN 'MS' WHEN 'COUNTY_TOPIC' THEN 'YT'
                 WHEN 'MEETING_DECISION' THEN 'HY' WHEN 'LEADER_INSTRUCTION' THEN 'PS' ELSE 'QT' END || '-' ||
            CASE WHEN t.cat_no < 10 THEN '0' || t.cat_no ELSE t.cat_no::text END END AS code,
       CASE WHEN t.status = 'ACTIVE' THEN row_number() OVER (PARTITION BY t.lead, t.status = 'ACTIVE' ORDER BY t.i) END AS unit_rank
FROM (SELECT t0.*, row_number() OVER (PARTITION BY t0.numbered, t0.category ORDER BY t0.i) AS cat_no FROM gen_task t0) t, gen_param p;
ALTER TABLE gen_task_code ADD PRIMARY KEY (i);
ANALYZE gen_task_code;
ALTER TABLE gen_task ADD COLUMN code text, ADD COLUMN unit_rank bigint, ADD COLUMN title text, ADD COLUMN leader_id uuid,
    ADD COLUMN lead_id uuid;
UPDATE gen_task t SET code = c.code, unit_rank = c.unit_rank FROM gen_task_code c WHERE c.i = t.i;
UPDATE gen_task t SET lead_id = g.id FROM gen_unit g WHERE g.n = t.lead;
UPDATE gen_task t SET leader_id = u.id
FROM gen_user u WHERE u.username = CASE WHEN t.leader = 0 THEN 'bench.leader' ELSE 'bench.leader.0' || (t.leader + 1) END;
UPDATE gen_task SET title = CASE category
    WHEN 'KEY_PROJECT' THEN place || object || build || CASE WHEN build LIKE '%工程' THEN '' WHEN i % 2 = 0 THEN '工程' ELSE '项目' END
    WHEN 'LIVELIHOOD' THEN place || object || CASE WHEN i % 3 = 0 THEN '民生实事' ELSE build END
    WHEN 'COUNTY_TOPIC' THEN place || object || topic
    WHEN 'MEETING_DECISION' THEN source || '议定：' || place || object || build
    WHEN 'LEADER_INSTRUCTION' THEN '落实领导批示：' || place || object || topic
    ELSE place || object || '相关工作' END;
ALTER TABLE gen_task ADD PRIMARY KEY (i);
ANALYZE gen_task;

-- cooperating units: up to three, distinct and other than the lead
CREATE TEMP TABLE gen_coop AS
SELECT t.i, j, g.id AS unit_id, 1 + ((t.lead - 1) + j * t.coop_step) % p.units AS unit_n
FROM gen_task t, gen_param p, generate_series(1, 3) j, gen_unit g
WHERE j <= t.coops AND g.n = 1 + ((t.lead - 1) + j * t.coop_step) % p.units;
ALTER TABLE gen_coop ADD PRIMARY KEY (i, j);
ANALYZE gen_coop;

WITH ins AS (
    INSERT INTO key_task (id, year, code, category, title, target, content, deadline, lead_unit_id, unit_head,
                          leader_in_charge_id, responsible_division, responsible_person_name, responsible_person_mobile,
                          document_number, status, status_note, version, created_at, updated_at,
                          site_latitude, site_longitude, site_radius_meters)
    SELECT t.id, p.yr, t.code, t.category, t.title,
           p.yr || '年' || t.dm || '月底前完成' || t.object || t.build || '，' ||
           CASE pg_temp.h(t.i, 'metric') % 4
                WHEN 0 THEN '年度计划投资 ' || (1 + pg_temp.h(t.i, 'metric-n') % 80) || ' 亿元'
                WHEN 1 THEN '新增覆盖 ' || (5 + pg_temp.h(t.i, 'metric-n') % 200) || ' 处'
                WHEN 2 THEN '惠及群众 ' || (1 + pg_temp.h(t.i, 'metric-n') % 50) || ' 万人'
                ELSE '年度目标任务完成率达到 100%' END || '。',
           '围绕“' || t.title || '”，' ||
           (ARRAY['成立工作专班，明确责任分工','细化年度目标，按月分解任务','建立台账管理，实行清单化推进',
                  '强化要素保障，统筹资金和用地','加强部门协同，形成工作合力','实行周调度、月通报制度'])[1 + pg_temp.h(t.i, 'c1') % 6]
           || '；' ||
           (ARRAY['加快推进' || t.object || t.build,'倒排工期，挂图作战','落实安全生产和质量管理责任',
                  '做好群众工作和舆情引导','严格资金监管，提高使用效益','推动项目早开工、早见效'])[1 + pg_temp.h(t.i, 'c2') % 6]
           || '；' ||
           (ARRAY['确保按期完成年度目标任务。','按月报送进展，按季开展督查。','接受社会监督，定期公开进展。',
                  '对照时间节点逐项销号。'])[1 + pg_temp.h(t.i, 'c3') % 4],
           t.deadline, t.lead_id,
           pg_temp.pick((SELECT w FROM gen_words WHERE kind = 'surname'), t.i, 'head-s')
               || pg_temp.pick((SELECT w FROM gen_words WHERE kind = 'given'), t.i, 'head-g'),
           t.leader_id,
           pg_temp.pick((SELECT w FROM gen_words WHERE kind = 'division'), t.i, 'division'),
           pg_temp.pick((SELECT w FROM gen_words WHERE kind = 'surname'), t.i, 'person-s')
               || pg_temp.pick((SELECT w FROM gen_words WHERE kind = 'given'), t.i, 'person-g'),
           '138' || lpad((pg_temp.h(t.i, 'mobile') % 100000000)::text, 8, '0'),
           '东政' || (ARRAY['发', '办发', '办函', '阅'])[1 + pg_temp.h(t.i, 'doc') % 4] || '〔' || p.yr || '〕'
               || (1 + pg_temp.h(t.i, 'doc-n') % 90) || '号',
           t.status,
           CASE t.status WHEN 'CANCELLED' THEN '因规划调整，经批准撤销' WHEN 'RETURNED' THEN '请补充年度目标的量化指标' END,
           CASE WHEN t.registered THEN 3 ELSE 1 END, t.created_at,
           CASE WHEN t.done_month IS NOT NULL THEN pg_temp.at(p.yr, t.done_month, 26, 10, 0) ELSE t.created_at + interval '6 days' END,
           CASE WHEN t.category = 'KEY_PROJECT' THEN round(29.8 + pg_temp.h(t.i, 'lat') % 6000 / 10000.0, 6) END,
           CASE WHEN t.category = 'KEY_PROJECT' THEN round(119.9 + pg_temp.h(t.i, 'lon') % 6000 / 10000.0, 6) END,
           CASE WHEN t.category = 'KEY_PROJECT' THEN 500 + pg_temp.h(t.i, 'radius') % 2500 END
    FROM gen_task t, gen_param p
    ORDER BY t.i
    RETURNING 1)
SELECT pg_temp.logged('key_task', count(*)) FROM ins \g /dev/null

WITH ins AS (
    INSERT INTO key_task_cooperation (task_id, unit_id, responsibility, list_order)
    SELECT t.id, c.unit_id,
           '配合做好' || t.object || (ARRAY['的要素保障','的审批服务','的资金保障','的协调推进','的监督检查'])[1 + pg_temp.h(t.i * 10 + c.j, 'resp') % 5] || '工作',
           c.j - 1
    FROM gen_coop c JOIN gen_task t ON t.i = c.i
    RETURNING 1)
SELECT pg_temp.logged('key_task_cooperation', count(*)) FROM ins \g /dev/null

WITH ins AS (
    INSERT INTO task_code_counter (year, category, last_number)
    SELECT p.yr, t.category, count(*) FROM gen_task t, gen_param p WHERE t.numbered GROUP BY p.yr, t.category
    RETURNING 1)
SELECT pg_temp.logged('task_code_counter', count(*)) FROM ins \g /dev/null

-- sub-items: later ones end later; each runs one to four months up to its end
CREATE TEMP TABLE gen_sub AS
SELECT t.i, j, t.i * 10 + j AS k, pg_temp.u('sub', t.i * 10 + j) AS id,
       greatest(1, ceil(t.dm * j / 10.0)::int) AS e,
       greatest(1, greatest(1, ceil(t.dm * j / 10.0)::int) - pg_temp.h(t.i * 10 + j, 'span') % 4) AS s,
       1 + pg_temp.h(t.i * 10 + j, 'weight') % 5 AS weight,
       0.85 + (pg_temp.h(t.i * 10 + j, 'noise') % 31) / 100.0 AS nz,
       CASE WHEN jj.j >= 8 AND t.coops > 0 THEN (SELECT c.unit_id FROM gen_coop c WHERE c.i = t.i AND c.j = 1 + (jj.j - 8) % t.coops)
            ELSE t.lead_id END AS unit_id,
       (SELECT w FROM gen_words WHERE kind = 'step')[1 + (j - 1 + pg_temp.h(t.i, 'steps') % 16) % 16] AS step
FROM gen_task t, generate_series(1, 10) jj(j);
ALTER TABLE gen_sub ADD PRIMARY KEY (i, j);
ANALYZE gen_sub;

WITH ins AS (
    INSERT INTO task_sub_item (id, task_id, list_order, content, responsible_unit_id, responsible_person, deadline, weight,
                               version, created_at, updated_at)
    SELECT s.id, t.id, s.j, s.step || '：' || t.object || (ARRAY['相关工作', '阶段任务', '节点目标', '年度任务'])[1 + s.k % 4],
           s.unit_id,
           pg_temp.pick((SELECT w FROM gen_words WHERE kind = 'surname'), s.k, 'sub-s')
               || pg_temp.pick((SELECT w FROM gen_words WHERE kind = 'given'), s.k, 'sub-g'),
           make_date(p.yr, s.e, 1) + interval '1 month' - interval '1 day', s.weight, 1, t.created_at + interval '2 days',
           t.created_at + interval '2 days'
    FROM gen_sub s JOIN gen_task t ON t.i = s.i, gen_param p
    ORDER BY s.i, s.j
    RETURNING 1)
SELECT pg_temp.logged('task_sub_item', count(*)) FROM ins \g /dev/null

WITH ins AS (
    INSERT INTO task_sub_item_month (sub_item_id, month, planned_percent, milestone)
    SELECT s.id, pg_temp.ym(p.yr, m), pg_temp.planned(s.s, s.e, m), CASE WHEN m = s.e THEN '完成' || s.step END
    FROM gen_sub s, gen_param p, generate_series(s.s, s.e) m
    ORDER BY s.i, s.j, m
    RETURNING 1)
SELECT pg_temp.logged('task_sub_item_month', count(*)) FROM ins \g /dev/null

-- the registered version of each task that was registered (the register's first version)
WITH ins AS (
    INSERT INTO key_task_version (task_id, number, recorded_at, recorded_by, reason, snapshot)
    SELECT t.id, 1, t.created_at + interval '5 days', 'bench.office', 'Registered by the office',
           jsonb_build_object('task', jsonb_build_object('id', t.id, 'code', t.code, 'details', jsonb_build_object(
               'year', p.yr, 'category', t.category, 'title', t.title, 'deadline', t.deadline::date,
               'leadUnitId', t.lead_id, 'leaderInChargeId', t.leader_id,
               'cooperations', coalesce((SELECT jsonb_agg(jsonb_build_object('unitId', c.unit_id) ORDER BY c.j)
                                         FROM gen_coop c WHERE c.i = t.i), '[]'::jsonb)),
               'status', 'ACTIVE', 'version', 2),
               'subItems', '[]'::jsonb)::text
    FROM gen_task t, gen_param p
    WHERE t.numbered
    RETURNING 1)
SELECT pg_temp.logged('key_task_version', count(*)) FROM ins \g /dev/null
