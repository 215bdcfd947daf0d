-- Attachments (2.5 per task): photos on monthly reports and, one in twelve, on slips' answers. Each
-- has its own stored blob (evidence_blob + one evidence_chunk, as the evidence store keeps content)
-- holding one of the eight small real images of images.sql, with that image's size, SHA-256 and
-- dimensions, so that every download works. The blob also serves as thumbnail and public copy.

CREATE TEMP TABLE gen_rep_with_content AS
SELECT row_number() OVER (ORDER BY i, m) AS n, i, m, k, id, created_at, lead
FROM gen_rep WHERE status IN ('ACCEPTED', 'SUBMITTED', 'RETURNED', 'DRAFT');
ALTER TABLE gen_rep_with_content ADD PRIMARY KEY (n);
ANALYZE gen_rep_with_content;

CREATE TEMP TABLE gen_slip_answered AS
SELECT row_number() OVER (ORDER BY s.k) AS n, s.k, s.id, s.i, s.drafted_at + m.hours * interval '1 hour' AS responded_at
FROM gen_slip s JOIN gen_slip_move m ON m.k = s.k AND m.action = 'RESPOND';
ALTER TABLE gen_slip_answered ADD PRIMARY KEY (n);
ANALYZE gen_slip_answered;

CREATE TEMP TABLE gen_att AS
WITH p AS (SELECT * FROM gen_param),
     c AS (SELECT (SELECT count(*) FROM gen_rep_with_content) AS reps, (SELECT count(*) FROM gen_slip_answered) AS slips),
     base AS (
        SELECT a, pg_temp.u('attachment', a) AS id, pg_temp.u('blob', a) AS blob_id,
               1 + pg_temp.h(a, 'image') % 8 AS image,
               a % 12 = 0 AND c.slips > 0 AS on_slip,
               pg_temp.h(a, 'owner') AS oh
        FROM p, c, generate_series(1, (p.tasks * 5) / 2) a)
SELECT b.a, b.id, b.blob_id, b.image, b.on_slip,
       CASE WHEN b.on_slip THEN 'SLIP' ELSE 'REPORT' END AS owner_type,
       CASE WHEN b.on_slip THEN sa.id ELSE r.id END AS owner_id,
       CASE WHEN b.on_slip THEN sa.i ELSE r.i END AS i,
       CASE WHEN b.on_slip THEN NULL ELSE r.m END AS m,
       CASE WHEN b.on_slip THEN least(sa.responded_at - interval '1 hour', (SELECT day_start FROM gen_param) - interval '1 hour')
            ELSE least(r.created_at + interval '1 day', (SELECT day_start FROM gen_param) - interval '2 hours') END AS uploaded_at
FROM base b CROSS JOIN c
     LEFT JOIN LATERAL (SELECT * FROM gen_rep_with_content r WHERE r.n = 1 + b.oh % c.reps) r ON NOT b.on_slip
     LEFT JOIN LATERAL (SELECT * FROM gen_slip_answered s WHERE s.n = 1 + b.oh % c.slips) sa ON b.on_slip;
ALTER TABLE gen_att ADD PRIMARY KEY (a);
ANALYZE gen_att;

WITH ins AS (
    INSERT INTO evidence_blob (id, size, chunk_size, created_at)
    SELECT a.blob_id, img.size, 262144, a.uploaded_at FROM gen_att a JOIN gen_image img ON img.n = a.image ORDER BY a.a
    RETURNING 1)
SELECT pg_temp.logged('evidence_blob', count(*)) FROM ins \g /dev/null

WITH ins AS (
    INSERT INTO evidence_chunk (blob_id, chunk_no, data)
    SELECT a.blob_id, 0, img.data FROM gen_att a JOIN gen_image img ON img.n = a.image ORDER BY a.a
    RETURNING 1)
SELECT pg_temp.logged('evidence_chunk', count(*)) FROM ins \g /dev/null

WITH ins AS (
    INSERT INTO attachment (id, owner_type, owner_id, task_id, period, file_name, caption, content_type, size, sha256, taken_at,
                            latitude, longitude, width, height, flags, content_blob, thumbnail_blob, public_blob,
                            uploaded_by, uploaded_at)
    SELECT a.id, a.owner_type, a.owner_id, t.id, CASE WHEN a.m IS NOT NULL THEN pg_temp.ym(p.yr, a.m) END,
           (ARRAY['施工现场', '项目进展', '现场检查', '整改前后对比', '会议现场', '完工验收'])[1 + pg_temp.h(a.a, 'file') % 6]
               || (1 + a.a % 9) || '.' || img.file_ext,
           (ARRAY['施工现场照片', '项目进展照片', '现场检查照片', '整改情况照片', '调度会议照片', '验收现场照片'])[1 + pg_temp.h(a.a, 'file') % 6],
           img.content_type, img.size, img.sha256,
           a.uploaded_at - (1 + pg_temp.h(a.a, 'taken') % 72) * interval '1 hour',
           CASE WHEN t.category = 'KEY_PROJECT' THEN round(29.8 + pg_temp.h(t.i, 'lat') % 6000 / 10000.0
                                                          + (pg_temp.h(a.a, 'dlat') % 100 - 50) / 100000.0, 6) END,
           CASE WHEN t.category = 'KEY_PROJECT' THEN round(119.9 + pg_temp.h(t.i, 'lon') % 6000 / 10000.0
                                                          + (pg_temp.h(a.a, 'dlon') % 100 - 50) / 100000.0, 6) END,
           img.width, img.height, '{}', a.blob_id, a.blob_id, a.blob_id, pg_temp.u('user', 100 + t.lead), a.uploaded_at
    FROM gen_att a JOIN gen_task t ON t.i = a.i JOIN gen_image img ON img.n = a.image, gen_param p
    ORDER BY a.a
    RETURNING 1)
SELECT pg_temp.logged('attachment', count(*)) FROM ins \g /dev/null
