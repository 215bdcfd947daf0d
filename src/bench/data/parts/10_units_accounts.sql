-- Units: the four offices (codes BO1–BO4) and the working units B001… (every third one a county-level
-- government or zone, the others departments and their service centres), each with its contact and
-- one liaison; the accounts of the offices and one UNIT_LIAISON per working unit.

CREATE TEMP TABLE gen_unit AS
WITH p AS (SELECT * FROM gen_param),
     s AS (SELECT CASE WHEN p.tasks <= 2000 THEN '东江市' ELSE '东江省' END AS sname,
                  CASE WHEN p.tasks <= 2000 THEN '市' ELSE '省' END AS sshort,
                  CASE WHEN p.tasks <= 2000 THEN '局' ELSE '厅' END AS dsuffix FROM p),
     places AS (SELECT w AS list FROM gen_words WHERE kind = 'place'),
     depts AS (SELECT w AS list FROM gen_words WHERE kind = 'dept'),
     working AS (
        SELECT n, CASE WHEN n % 3 = 0 THEN 'G' ELSE 'D' END AS kind,
               CASE WHEN n % 3 = 0 THEN n / 3 ELSE n - n / 3 END AS k
        FROM p, generate_series(1, p.units) n)
SELECT w.n, pg_temp.u('unit', w.n) AS id, 'B' || lpad(w.n::text, 3, '0') AS code,
       CASE WHEN w.kind = 'G' THEN
                s.sname || pl.list[1 + (w.k - 1) % 40] || CASE WHEN (w.k - 1) >= 40 THEN '第' || ((w.k - 1) / 40 + 1) || '片区' ELSE '' END
                || CASE WHEN pl.list[1 + (w.k - 1) % 40] ~ '(高新区|经开区|新区|走廊)$' THEN '管理委员会' ELSE '人民政府' END
            WHEN w.k <= 40 THEN s.sname || replace(d.list[w.k], '{D}', s.dsuffix)
            ELSE s.sname || replace(d.list[1 + (w.k - 41) % 40], '{D}', s.dsuffix) || '事务服务中心'
                 || CASE WHEN w.k > 80 THEN ((w.k - 41) / 40)::text ELSE '' END
       END AS name,
       CASE WHEN w.kind = 'G' THEN
                left(pl.list[1 + (w.k - 1) % 40] || CASE WHEN (w.k - 1) >= 40 THEN ((w.k - 1) / 40 + 1)::text ELSE '' END
                || CASE WHEN pl.list[1 + (w.k - 1) % 40] ~ '(高新区|经开区|新区|走廊)$' THEN '管委会' ELSE '政府' END, 30)
            WHEN w.k <= 40 THEN left(s.sshort || replace(replace(replace(d.list[w.k], '{D}', s.dsuffix), '委员会', '委'), '管理', ''), 30)
            ELSE left(s.sshort || replace(d.list[1 + (w.k - 41) % 40], '{D}', '') || '服务中心'
                 || CASE WHEN w.k > 80 THEN ((w.k - 41) / 40)::text ELSE '' END, 30)
       END AS short_name,
       CASE WHEN w.kind = 'G' AND pl.list[1 + (w.k - 1) % 40] ~ '(高新区|经开区|新区|走廊)$' THEN 'DEVELOPMENT_ZONE'
            WHEN w.kind = 'G' THEN 'COUNTY_GOVERNMENT'
            WHEN w.k <= 40 THEN 'MUNICIPAL_DEPARTMENT'
            ELSE 'DIRECT_UNIT' END AS type
FROM working w, s, places pl, depts d;
ALTER TABLE gen_unit ADD PRIMARY KEY (n);
ANALYZE gen_unit;

CREATE TEMP TABLE gen_office AS
WITH s AS (SELECT CASE WHEN tasks <= 2000 THEN '东江市' ELSE '东江省' END AS sname,
                  CASE WHEN tasks <= 2000 THEN '市' ELSE '省' END AS sshort FROM gen_param)
SELECT o.n, pg_temp.u('office', o.n) AS id, 'BO' || o.n AS code, s.sname || o.name AS name, s.sshort || o.short AS short_name, o.type
FROM s, (VALUES (1, '人民政府督查室', '督查室', 'SUPERVISION_OFFICE'),
                (2, '重点工作督查考核办公室', '督考办', 'ASSESSMENT_OFFICE'),
                (3, '重大项目推进工作领导小组办公室', '重大办', 'LEADING_GROUP_OFFICE'),
                (4, '人民政府领导', '政府领导', 'CITY_LEADERSHIP')) o(n, name, short, type);

WITH ins AS (
    INSERT INTO org_unit (id, code, name, short_name, type, parent_id, active, version, created_at, updated_at)
    SELECT id, code, name, short_name, type, NULL, true, 1, pg_temp.at(p.yr, 1, 2, 9, 0), pg_temp.at(p.yr, 1, 2, 9, 0)
    FROM (SELECT id, code, name, short_name, type, 0 AS ord, n FROM gen_office
          UNION ALL SELECT id, code, name, short_name, type, 1, n FROM gen_unit) x, gen_param p
    ORDER BY ord, n
    RETURNING 1)
SELECT pg_temp.logged('org_unit', count(*)) FROM ins \g /dev/null

WITH ins AS (
    INSERT INTO unit_contact (unit_id, supervision_body, version, updated_at)
    SELECT x.id, CASE WHEN x.type IN ('COUNTY_GOVERNMENT', 'DEVELOPMENT_ZONE') THEN '督查室'
                      ELSE pg_temp.pick(dv.w, x.k, 'body') END, 1, pg_temp.at(p.yr, 1, 2, 9, 0)
    FROM (SELECT id, type, n AS k FROM gen_unit UNION ALL SELECT id, type, 1000 + n FROM gen_office) x, gen_param p,
         (SELECT w FROM gen_words WHERE kind = 'division') dv
    RETURNING 1)
SELECT pg_temp.logged('unit_contact', count(*)) FROM ins \g /dev/null

WITH ins AS (
    INSERT INTO unit_liaison (id, unit_id, list_order, name, position, office_phone, mobile, email, is_primary)
    SELECT pg_temp.u('liaison', x.k), x.id, 0,
           pg_temp.pick(sn.w, x.k, 'liaison-surname') || pg_temp.pick(gn.w, x.k, 'liaison-given'),
           (ARRAY['办公室主任', '办公室副主任', '督查专员', '综合科科长'])[1 + pg_temp.h(x.k, 'liaison-position') % 4],
           '0571-8' || lpad((pg_temp.h(x.k, 'liaison-phone') % 10000000)::text, 7, '0'),
           '139' || lpad((pg_temp.h(x.k, 'liaison-mobile') % 100000000)::text, 8, '0'),
           'liaison.' || lower(x.code) || '@bench.example.gov.cn', true
    FROM (SELECT id, code, n AS k FROM gen_unit UNION ALL SELECT id, code, 1000 + n FROM gen_office) x,
         (SELECT w FROM gen_words WHERE kind = 'surname') sn, (SELECT w FROM gen_words WHERE kind = 'given') gn
    RETURNING 1)
SELECT pg_temp.logged('unit_liaison', count(*)) FROM ins \g /dev/null

-- Accounts. Password of all: Bench-Keywork-2026! (Argon2id with the service's default parameters).
CREATE TEMP TABLE gen_user AS
SELECT a.username, pg_temp.u('user', a.k) AS id, a.display_name, a.unit_id, a.roles, a.k
FROM (
    SELECT 'bench.office' AS username, '督查室值班员' AS display_name, (SELECT id FROM gen_office WHERE n = 1) AS unit_id,
           'OFFICE' AS roles, 1 AS k
    UNION ALL SELECT 'bench.leader', '分管副省长', (SELECT id FROM gen_office WHERE n = 4), 'LEADER', 2
    UNION ALL SELECT 'bench.assessment', '考核办专员', (SELECT id FROM gen_office WHERE n = 2), 'ASSESSMENT', 3
    UNION ALL SELECT 'bench.admin', '系统管理员', NULL, 'ADMIN', 4
    UNION ALL SELECT 'bench.auditor', '安全审计员', NULL, 'AUDITOR', 10
    -- further leaders in charge of tasks (not used by the harness)
    UNION ALL SELECT 'bench.leader.' || lpad(i::text, 2, '0'),
                     (ARRAY['常务副省长', '副省长', '副省长', '副省长', '秘书长'])[i - 1],
                     (SELECT id FROM gen_office WHERE n = 4), 'LEADER', 3 + i
              FROM generate_series(2, 6) i
    UNION ALL SELECT 'bench.unit.' || lpad(g.n::text, 3, '0'),
                     pg_temp.pick(sn.w, g.n, 'liaison-surname') || pg_temp.pick(gn.w, g.n, 'liaison-given'),
                     g.id, 'UNIT_LIAISON', 100 + g.n
              FROM gen_unit g, (SELECT w FROM gen_words WHERE kind = 'surname') sn,
                   (SELECT w FROM gen_words WHERE kind = 'given') gn
) a;
ANALYZE gen_user;

WITH ins AS (
    INSERT INTO app_user (id, username, display_name, unit_id, roles, mobile, email, password_hash, must_change_password,
                          active, failed_logins, locked_until, password_changed_at, version, created_at, updated_at, kind)
    SELECT u.id, u.username, u.display_name, u.unit_id, u.roles, NULL, u.username || '@bench.example.gov.cn',
           '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2gta2V5d29yay1zMQ$FT0OPhwtzRqmCKscfQfoATjoxLS7hpyVTm4N6p+33G8',
           false, true, 0, NULL, now(), 1, pg_temp.at(p.yr, 1, 2, 9, 30), pg_temp.at(p.yr, 1, 2, 9, 30), 'PERSON'
    FROM gen_user u, gen_param p
    ORDER BY u.k
    RETURNING 1)
SELECT pg_temp.logged('app_user', count(*)) FROM ins \g /dev/null
