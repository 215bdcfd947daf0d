-- The audit trail against someone with database rights: gapless numbers, a keyed chain and
-- signed checkpoints.
--
-- seq numbers the events without gaps (assigned under the chain's advisory lock). Existing events
-- are numbered in their chain order. chain_version says how an event's hash is made: 1 = SHA-256
-- (events written before this version), 2 = HMAC-SHA256 with a key kept outside the database; the
-- service writes a "chain keyed" event at its first start, after which every event is version 2.
ALTER TABLE audit_event ADD COLUMN seq bigint;
ALTER TABLE audit_event ADD COLUMN chain_version smallint NOT NULL DEFAULT 1;

ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update;
UPDATE audit_event e SET seq = numbered.n
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM audit_event) numbered
WHERE e.id = numbered.id;
ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update;

ALTER TABLE audit_event ALTER COLUMN seq SET NOT NULL;
ALTER TABLE audit_event ALTER COLUMN chain_version DROP DEFAULT;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_seq_unique UNIQUE (seq);
ALTER TABLE audit_event ADD CONSTRAINT audit_event_chain_version_known CHECK (chain_version IN (1, 2));

-- Signed statements "the trail reached seq with head_hash at created_at". Signed with a key outside
-- the database, so rows cannot be forged; auditors also export them, since rows can be deleted.
CREATE TABLE audit_checkpoint (
    id          bigserial   PRIMARY KEY,
    seq         bigint      NOT NULL,
    head_hash   char(64)    NOT NULL,
    created_at  timestamptz NOT NULL,
    key_id      varchar(64) NOT NULL,
    signature   text        NOT NULL
);
CREATE INDEX audit_checkpoint_seq ON audit_checkpoint (seq);

-- Like the events: never changed; removed only by the pruning job.
CREATE FUNCTION audit_checkpoint_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('supervision.audit_pruning', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_checkpoint is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_append_only();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoint_append_only();
