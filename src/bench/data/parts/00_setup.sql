-- Refuses a database that holds bench data or any task (the demo city's ledgers and codes would
-- collide: start the service with supervision.demo.enabled=false before loading), fixes the
-- parameters and defines the hash helpers.

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM app_user WHERE username LIKE 'bench.%') THEN
        RAISE EXCEPTION 'bench data exists already (accounts bench.*): load into a fresh database';
    END IF;
    IF EXISTS (SELECT 1 FROM key_task) OR EXISTS (SELECT 1 FROM ledger) THEN
        RAISE EXCEPTION 'the database holds tasks or ledgers already (the demo city?): load into a fresh database '
            'started with supervision.demo.enabled=false';
    END IF;
END $$;

CREATE TEMP TABLE gen_param AS
SELECT p.seed, p.tasks, p.yr, p.cur_month,
       -- a city has about 40 working units, a province about 120
       CASE WHEN p.tasks <= 2000 THEN 40 ELSE 120 END AS units,
       p.today,
       -- the start of today in Shanghai: generated moments of the open month stay before it, so that
       -- loads on the same day give the same rows
       (p.today::timestamp AT TIME ZONE 'Asia/Shanghai') AS day_start,
       clock_timestamp() AS started
FROM (SELECT CAST(:'seed' AS bigint)::text AS seed, CAST(:'tasks' AS int) AS tasks, CAST(:'year' AS int) AS yr,
             CASE WHEN CAST(:'year' AS int) = extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::int
                  THEN extract(month FROM now() AT TIME ZONE 'Asia/Shanghai')::int
                  WHEN CAST(:'year' AS int) < extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::int THEN 13
                  ELSE 1 END AS cur_month,
             (now() AT TIME ZONE 'Asia/Shanghai')::date AS today) p;
ANALYZE gen_param;

DO $$
BEGIN
    IF (SELECT tasks FROM gen_param) < 50 THEN
        RAISE EXCEPTION 'tasks must be at least 50';
    END IF;
END $$;

-- h(n, column): a non-negative 28-bit integer from md5(seed, n, column). The helpers are plain SQL
-- expressions of immutable functions only (explicit ::text casts), so that the planner inlines them.
SELECT format($f$CREATE FUNCTION pg_temp.h(n bigint, col text) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $b$SELECT ('x' || substr(md5(%L || '-' || n::text || '-' || col), 1, 7))::bit(28)::int$b$$f$, seed)
FROM gen_param \gexec
-- u(kind, n): a UUID from md5(seed, kind, n).
SELECT format($f$CREATE FUNCTION pg_temp.u(kind text, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $b$SELECT md5(%L || '-' || kind || '-' || n::text)::uuid$b$$f$, seed)
FROM gen_param \gexec

-- pick(list, n, column): one word of a list, by hash.
CREATE FUNCTION pg_temp.pick(list text[], n bigint, col text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$SELECT list[1 + pg_temp.h(n, col) % cardinality(list)]$$;

-- A month of the year as 'YYYY-MM'.
CREATE FUNCTION pg_temp.ym(y int, m int) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$SELECT y::text || '-' || lpad(m::text, 2, '0')$$;

-- A moment in Shanghai's time: year, month, day, hour, minute.
CREATE FUNCTION pg_temp.at(y int, m int, d int, hh int, mi int) RETURNS timestamptz LANGUAGE sql STABLE PARALLEL SAFE
    AS $$SELECT make_timestamptz(y, m, d, hh, mi, 0, 'Asia/Shanghai')$$;

-- Planned cumulative percent of a sub-item scheduled over months s..e, at the end of month m.
CREATE FUNCTION pg_temp.planned(s int, e int, m int) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$SELECT CASE WHEN m < s THEN 0::numeric ELSE round(100.0 * (least(m, e) - s + 1) / (e - s + 1), 2) END$$;

-- Each part logs its rows here; the summary prints them.
CREATE TEMP TABLE gen_log (step serial, tbl text, rows bigint, at timestamptz DEFAULT clock_timestamp());
CREATE FUNCTION pg_temp.logged(tbl text, n bigint) RETURNS void LANGUAGE sql
    AS $$INSERT INTO gen_log (tbl, rows) VALUES (tbl, n)$$;

-- The big tables' secondary indexes (those backing no constraint) are dropped for the load and built
-- again at its end from their own definitions (pg_get_indexdef): one sort instead of a million
-- index insertions, and whatever indexes later migrations add are rebuilt as they are.
CREATE TEMP TABLE gen_index AS
SELECT c.relname AS tbl, i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace ns ON ns.oid = c.relnamespace
WHERE ns.nspname = 'public'
  AND c.relname IN ('key_task', 'key_task_cooperation', 'task_sub_item', 'progress_report', 'progress_report_sub_item',
                    'progress_figure', 'attachment', 'slip', 'slip_move', 'ledger_row', 'domain_event', 'audit_event')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid);
SELECT format('DROP INDEX %s', name) FROM gen_index \gexec
