-- Fills the register to province scale for measurements: 20,000 tasks over the years 2016–2025
-- (the current year stays the demo's) and 200,000 sub-items with a 12-month plan each (2.4 M months).
-- psql -h localhost -p PORT -U postgres -d supervision -f register-at-scale.sql
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE words(i int, w text);
INSERT INTO words VALUES (0,'污水管网'),(1,'道路改造'),(2,'学校建设'),(3,'医院扩建'),(4,'公园绿地'),(5,'河道整治'),
  (6,'产业园区'),(7,'养老服务'),(8,'饮水安全'),(9,'燃气管道'),(10,'停车设施'),(11,'农贸市场'),(12,'物流枢纽'),
  (13,'营商环境'),(14,'安全生产'),(15,'内涝整治'),(16,'公交线路'),(17,'乡村振兴'),(18,'数字政府'),(19,'生态修复');

INSERT INTO key_task (id, year, code, category, title, target, content, deadline, lead_unit_id, status, version,
                      created_at, updated_at)
SELECT gen_random_uuid(), y, y || '-QT-' || lpad(n::text, 4, '0'), 'OTHER',
       '示范' || (SELECT w FROM words WHERE i = g % 20) || '项目' || g,
       '完成' || (SELECT w FROM words WHERE i = (g * 7) % 20) || '年度目标第' || g || '项',
       '围绕' || (SELECT w FROM words WHERE i = (g * 3) % 20) || '组织实施，按月推进、按季通报，编号' || g,
       make_date(y, 12, 31),
       (SELECT id FROM org_unit ORDER BY code OFFSET (g % 14) LIMIT 1),
       'ACTIVE', 0, now(), now()
FROM generate_series(1, 20000) AS g,
     LATERAL (SELECT 2016 + (g % 10) AS y, (g / 10) + 1 AS n) AS k;

INSERT INTO task_sub_item (id, task_id, list_order, content, responsible_unit_id, responsible_person, deadline, weight,
                           version, created_at, updated_at)
SELECT gen_random_uuid(), t.id, s, '子项' || s, t.lead_unit_id, '负责人', t.deadline, 1, 0, now(), now()
FROM key_task t CROSS JOIN generate_series(0, 9) AS s
WHERE t.code LIKE '%-QT-%' AND t.year < 2026;

INSERT INTO task_sub_item_month (sub_item_id, month, planned_percent)
SELECT si.id, to_char(make_date(EXTRACT(YEAR FROM si.deadline)::int, m, 1), 'YYYY-MM'), round(100.0 * m / 12, 2)
FROM task_sub_item si CROSS JOIN generate_series(1, 12) AS m
WHERE si.content LIKE '子项%';
COMMIT;
ANALYZE key_task; ANALYZE task_sub_item; ANALYZE task_sub_item_month;
SELECT (SELECT count(*) FROM key_task) AS tasks, (SELECT count(*) FROM task_sub_item) AS sub_items,
       (SELECT count(*) FROM task_sub_item_month) AS months;
