-- Benchmark data: a key-work year at city or province scale, written set-based into a database the
-- service has migrated (see src/bench/README or BENCH-INTERFACE: the harness's side of this file).
--
--   psql -X -q -v ON_ERROR_STOP=1 -v seed=<int> -v tasks=<int> -v year=<int> -v chain_key_hex=<hex> \
--        -f src/bench/data/generate.sql "<superuser connection URL>"
--
-- seed    every value derives from md5(seed, row number, column): same seed and tasks, same rows
-- tasks   300 (city), 20000 (province), 40000 (double)
-- year    the current year of the service's clock, so that the current month is the open one
-- chain_key_hex  the audit chain's HMAC key as hex (the Base64 file of supervision.audit.chain-key-location,
--         decoded): the generated audit events continue the keyed chain and verify
--
-- Everything runs in one transaction as a superuser with session_replication_role = replica: no
-- trigger fires (no notifications for the generated history, no append-only refusals, no foreign-key
-- checks: the rows are consistent by construction). The audit chain's advisory lock is held from the
-- start, so a running service waits for its own audit writes until the load has committed.

\set ON_ERROR_STOP 1
\pset tuples_only on
\pset format unaligned
\pset footer off

\if :{?seed}
\else
\echo 'generate.sql: -v seed=<int> is required'
SELECT 1 / 0 AS missing_seed;
\endif
\if :{?tasks}
\else
\echo 'generate.sql: -v tasks=<int> is required'
SELECT 1 / 0 AS missing_tasks;
\endif
\if :{?year}
\else
\echo 'generate.sql: -v year=<int> is required'
SELECT 1 / 0 AS missing_year;
\endif
\if :{?chain_key_hex}
\else
\echo 'generate.sql: -v chain_key_hex=<hex of the audit chain key> is required'
SELECT 1 / 0 AS missing_chain_key;
\endif

BEGIN;
SET LOCAL session_replication_role = replica;
SET LOCAL synchronous_commit = off;
SET LOCAL work_mem = '256MB';
SET LOCAL maintenance_work_mem = '256MB';
SET LOCAL client_min_messages = warning;
SET LOCAL TIME ZONE 'UTC';
SET LOCAL jit = off;
-- Every table written is locked first, so that a running service's jobs (the event consumers claim
-- their cursor rows, then read the log) wait for the load instead of deadlocking with it; then the
-- audit chain's lock (AuditTrail.CHAIN_LOCK), held until commit.
LOCK TABLE point_posting_cursor, org_unit, unit_contact, unit_liaison, app_user, key_task, key_task_cooperation,
    task_code_counter, task_sub_item, task_sub_item_month, key_task_version, progress_report, progress_report_sub_item,
    progress_report_version, progress_figure, slip, slip_target_unit, slip_move, slip_response, slip_number_counter,
    evidence_blob, evidence_chunk, attachment, ledger, ledger_version, ledger_row, domain_event, audit_event
    IN ACCESS EXCLUSIVE MODE;
SELECT pg_advisory_xact_lock(1096107092) \g /dev/null

\ir parts/00_setup.sql
\ir words.sql
\ir images.sql
\ir parts/10_units_accounts.sql
\ir parts/20_tasks.sql
\ir parts/30_reports.sql
\ir parts/40_figures.sql
\ir parts/50_slips.sql
\ir parts/60_evidence.sql
\ir parts/65_ledgers.sql
\ir parts/70_events.sql
\ir parts/80_audit.sql
\ir parts/95_indexes.sql
\ir parts/90_summary.sql

COMMIT;
