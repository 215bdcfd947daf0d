-- The audit trail of the generated history (50 events per task): the writes behind the domain events
-- (task registered, report created / submitted / returned / accepted, evidence attached, slip drafted
-- and moved) and, to make up the number, sign-ins of the bench accounts. Appended after the trail's
-- head as the service appends (AuditTrail / AuditHash, chain version 2): numbered on from the head,
-- each hash HMAC-SHA256 with the chain key over the length-prefixed number, previous hash and stored
-- fields. HMAC is written out with sha256(), so no extension is needed. The advisory lock of the chain
-- is held since the start of the load.

-- the key (as AuditKeys reads it) and its id, which must be the one the trail was keyed with
CREATE TEMP TABLE gen_key AS SELECT decode(:'chain_key_hex', 'hex') AS k;

CREATE FUNCTION pg_temp.hmac_pads(key bytea, OUT ipad bytea, OUT opad bytea) LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    k0 bytea := CASE WHEN length(key) > 64 THEN sha256(key) ELSE key END;
BEGIN
    k0 := k0 || decode(repeat('00', 64 - length(k0)), 'hex');
    ipad := k0;
    opad := k0;
    FOR b IN 0..63 LOOP
        ipad := set_byte(ipad, b, get_byte(k0, b) # 54);
        opad := set_byte(opad, b, get_byte(k0, b) # 92);
    END LOOP;
END $$;

CREATE TEMP TABLE gen_pads AS SELECT (pg_temp.hmac_pads(k)).* FROM gen_key;

DO $$
DECLARE
    pads record;
    key_id text;
    keyed text;
BEGIN
    SELECT * INTO pads FROM gen_pads;
    key_id := left(encode(sha256(pads.opad || sha256(pads.ipad || convert_to('key id', 'UTF8'))), 'hex'), 16);
    SELECT detail INTO keyed FROM audit_event WHERE action = 'AUDIT_CHAIN_KEYED' ORDER BY seq DESC LIMIT 1;
    IF keyed IS NOT NULL AND position(' with key ' || key_id || ';' IN keyed) = 0 THEN
        RAISE EXCEPTION 'chain_key_hex (key id %) is not the key the audit trail was keyed with: %', key_id, keyed;
    END IF;
    IF EXISTS (SELECT 1 FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event) AND chain_version <> 2) THEN
        RAISE EXCEPTION 'the audit trail does not end in keyed events: start the service once before loading';
    END IF;
END $$;

-- the actors
CREATE TEMP TABLE gen_actor AS
SELECT u.id, u.username, u.roles, u.unit_id FROM gen_user u;
ALTER TABLE gen_actor ADD PRIMARY KEY (id);
ANALYZE gen_actor;

-- the history's audit events, before numbering
CREATE TEMP TABLE gen_audit_src (
    at timestamptz NOT NULL, ord int NOT NULL, k bigint NOT NULL, actor_id uuid NOT NULL, action text NOT NULL,
    object_type text, object_id text, changes text
);

INSERT INTO gen_audit_src
SELECT t.created_at + interval '5 days', 1, t.i, pg_temp.u('user', 1), 'TASK_REGISTERED', 'KeyTask', t.id::text,
       '{"status":{"before":"SUBMITTED","after":"ACTIVE"},"code":{"after":"' || t.code || '"}}'
FROM gen_task t WHERE t.numbered;

INSERT INTO gen_audit_src
SELECT x.at, x.ord, r.k, x.actor, x.action, 'ProgressReport', r.id::text, x.changes
FROM gen_rep r,
     LATERAL (VALUES
        (CASE WHEN r.status <> 'NOT_REPORTED' THEN r.created_at END, 2, 'REPORT_CREATED', pg_temp.u('user', 100 + r.lead),
         '{"status":{"after":"DRAFT"},"period":{"after":"' || r.m || '"}}'),
        (r.first_submitted_at, 3, 'REPORT_SUBMIT', pg_temp.u('user', 100 + r.lead),
         '{"status":{"before":"DRAFT","after":"SUBMITTED"},"version":{"after":1},"late":{"after":' || r.late || '}}'),
        (r.returned_at, 4, 'REPORT_RETURN', pg_temp.u('user', 1),
         '{"status":{"before":"SUBMITTED","after":"RETURNED"},"comment":{"after":"请补充佐证材料并核实进度数据。"}}'),
        (CASE WHEN r.resubmitted THEN r.submitted_at END, 5, 'REPORT_SUBMIT', pg_temp.u('user', 100 + r.lead),
         '{"status":{"before":"RETURNED","after":"SUBMITTED"},"version":{"after":2},"late":{"after":' || r.late || '}}'),
        (CASE WHEN r.status = 'ACCEPTED' THEN r.decided_at END, 6, 'REPORT_ACCEPT', pg_temp.u('user', 1),
         '{"status":{"before":"SUBMITTED","after":"ACCEPTED"}}')) x(at, ord, action, actor, changes)
WHERE x.at IS NOT NULL;

INSERT INTO gen_audit_src
SELECT a.uploaded_at, 7, a.a, pg_temp.u('user', 100 + t.lead), 'EVIDENCE_ATTACHED', 'Attachment', a.id::text,
       '{"fileName":{"after":"photo.' || img.file_ext || '"},"contentType":{"after":"' || img.content_type || '"},"size":{"after":'
       || img.size || '}}'
FROM gen_att a JOIN gen_task t ON t.i = a.i JOIN gen_image img ON img.n = a.image;

INSERT INTO gen_audit_src
SELECT s.drafted_at, 8, s.k * 10, pg_temp.u('user', 1), 'SLIP_DRAFTED', 'Slip', s.id::text,
       '{"type":{"after":"' || s.type || '"},"status":{"after":"DRAFT"}}'
FROM gen_slip s;
INSERT INTO gen_audit_src
SELECT s.drafted_at + m.hours * interval '1 hour', 8, s.k * 10 + m.number,
       CASE WHEN m.action IN ('ACKNOWLEDGE', 'RESPOND') THEN pg_temp.u('user', 100 + t.lead)
            WHEN m.action = 'APPROVE' THEN t.leader_id ELSE pg_temp.u('user', 1) END,
       'SLIP_' || m.action, 'Slip', s.id::text,
       '{"status":{"before":"' || m.from_status || '","after":"' || m.to_status || '"}}'
FROM gen_slip_move m JOIN gen_slip s ON s.k = m.k JOIN gen_task t ON t.i = s.i;

-- sign-ins make up the rest (of the office most, then the units), on the days of the year before today
INSERT INTO gen_audit_src
SELECT least(((make_date(p.yr, 1, 1) + pg_temp.h(n, 'login-d') % greatest(1, least(p.today, make_date(p.yr, 12, 31)) - make_date(p.yr, 1, 1)))::timestamp
              + make_interval(hours => 8 + pg_temp.h(n, 'login-h') % 11, mins => pg_temp.h(n, 'login-mi') % 60,
                              secs => pg_temp.h(n, 'login-s') % 60)) AT TIME ZONE 'Asia/Shanghai',
             p.day_start - interval '1 hour'),
       9, n, CASE WHEN pg_temp.h(n, 'login-who') % 10 < 3 THEN pg_temp.u('user', 1 + pg_temp.h(n, 'login-o') % 3)
                  ELSE pg_temp.u('user', 101 + pg_temp.h(n, 'login-u') % p.units) END,
       'LOGIN_SUCCEEDED', 'User', NULL, NULL
FROM gen_param p, generate_series(1, greatest(0, p.tasks * 50 - (SELECT count(*) FROM gen_audit_src))) n;
UPDATE gen_audit_src SET object_id = actor_id::text WHERE action = 'LOGIN_SUCCEEDED';

-- numbered in time order after the head; each row's stored fields length-prefixed as AuditHash.feed()
-- writes them after the previous hash (micros of occurred_at, actor, roles, unit, action, object
-- type, object id, outcome, changes, detail, request id, client address)
CREATE FUNCTION pg_temp.lp(v text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$SELECT CASE WHEN v IS NULL THEN '-1:' ELSE octet_length(v)::text || ':' || v END$$;

CREATE TEMP TABLE gen_audit AS
SELECT x.n, x.n + h.head AS seq, x.at, a.username AS actor, a.roles AS actor_roles, a.unit_id::text AS unit_id, x.action,
       x.object_type, left(x.object_id, 300) AS object_id, 'SUCCESS' AS outcome, x.changes, NULL::text AS detail,
       md5(p.seed || '-request-' || x.n) AS request_id,
       '10.' || (16 + pg_temp.h(x.n, 'ip1') % 16) || '.' || pg_temp.h(x.n, 'ip2') % 256 || '.' || (1 + pg_temp.h(x.n, 'ip3') % 254)
           AS client_address
FROM (SELECT row_number() OVER (ORDER BY at, ord, k, action) AS n, * FROM gen_audit_src) x
     JOIN gen_actor a ON a.id = x.actor_id,
     (SELECT coalesce(max(seq), 0) AS head FROM audit_event) h, gen_param p;
ALTER TABLE gen_audit ADD PRIMARY KEY (n);

CREATE TEMP TABLE gen_audit_body AS
SELECT n, convert_to(pg_temp.lp((extract(epoch FROM at) * 1000000)::bigint::text) || pg_temp.lp(actor) || pg_temp.lp(actor_roles)
                     || pg_temp.lp(unit_id) || pg_temp.lp(action) || pg_temp.lp(object_type) || pg_temp.lp(object_id)
                     || pg_temp.lp(outcome) || pg_temp.lp(changes) || pg_temp.lp(detail) || pg_temp.lp(request_id)
                     || pg_temp.lp(client_address), 'UTF8') AS body
FROM gen_audit;
ALTER TABLE gen_audit_body ADD PRIMARY KEY (n);

CREATE TEMP TABLE gen_audit_hash (hashes text[]);
DO $$
DECLARE
    pads record;
    prev text;
    head bigint;
    hashes text[] := '{}';
    row record;
    s text;
BEGIN
    SELECT * INTO pads FROM gen_pads;
    SELECT seq, trim(hash) INTO head, prev FROM audit_event ORDER BY seq DESC LIMIT 1;
    IF head IS NULL THEN
        head := 0;
        prev := repeat('0', 64);
    END IF;
    hashes := hashes || prev;
    FOR row IN SELECT n, body FROM gen_audit_body ORDER BY n LOOP
        s := (head + row.n)::text;
        prev := encode(sha256(pads.opad || sha256(pads.ipad || convert_to(length(s) || ':' || s || '64:' || prev, 'UTF8') || row.body)), 'hex');
        hashes := hashes || prev;
    END LOOP;
    INSERT INTO gen_audit_hash VALUES (hashes);
END $$;

-- hash number 0 is the head's, number n the n-th new event's
CREATE TEMP TABLE gen_audit_h AS
SELECT (u.ord - 1)::bigint AS n, u.hash FROM gen_audit_hash h, unnest(h.hashes) WITH ORDINALITY u(hash, ord);
ALTER TABLE gen_audit_h ADD PRIMARY KEY (n);
ANALYZE gen_audit_h;
ANALYZE gen_audit;

WITH ins AS (
    INSERT INTO audit_event (occurred_at, actor, actor_roles, unit_id, action, object_type, object_id, outcome, changes, detail,
                             request_id, client_address, prev_hash, hash, seq, chain_version)
    SELECT a.at, a.actor, a.actor_roles, a.unit_id::uuid, a.action, a.object_type, a.object_id, a.outcome, a.changes, a.detail,
           a.request_id, a.client_address, hp.hash, hh.hash, a.seq, 2
    FROM gen_audit a JOIN gen_audit_h hp ON hp.n = a.n - 1 JOIN gen_audit_h hh ON hh.n = a.n
    ORDER BY a.n
    RETURNING 1)
SELECT pg_temp.logged('audit_event', count(*)) FROM ins \g /dev/null
