-- The append-only log of what happened in the domain, written in the same transaction as the
-- change. Later features serve it as a feed, push it by webhook and post points from it.
CREATE TABLE domain_event (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           uuid         NOT NULL UNIQUE,
    type         varchar(64)  NOT NULL,
    object_type  varchar(32)  NOT NULL,
    object_id    varchar(64)  NOT NULL,
    unit_ids     uuid[]       NOT NULL,
    period       varchar(8),
    payload      jsonb        NOT NULL,
    occurred_at  timestamptz  NOT NULL,
    actor_id     uuid,
    -- the writing transaction, so a feed can page in commit order without skipping late commits
    tx_id        xid8         NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX domain_event_type ON domain_event (type, seq);
CREATE INDEX domain_event_object ON domain_event (object_type, object_id, seq);
CREATE INDEX domain_event_units ON domain_event USING gin (unit_ids);

CREATE FUNCTION domain_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'domain_event is append-only' USING ERRCODE = 'raise_exception';
END $$;
CREATE TRIGGER domain_event_no_change BEFORE UPDATE OR DELETE ON domain_event
    FOR EACH ROW EXECUTE FUNCTION domain_event_append_only();

-- Where a task is carried out, so photos can be checked against it (R13).
ALTER TABLE key_task
    ADD COLUMN site_latitude       numeric(9,6) CHECK (site_latitude BETWEEN -90 AND 90),
    ADD COLUMN site_longitude      numeric(9,6) CHECK (site_longitude BETWEEN -180 AND 180),
    ADD COLUMN site_radius_meters  int          CHECK (site_radius_meters BETWEEN 1 AND 100000),
    ADD CONSTRAINT key_task_site_whole CHECK (
        (site_latitude IS NULL) = (site_longitude IS NULL) AND (site_latitude IS NULL) = (site_radius_meters IS NULL));

-- One monthly progress report per task and month (R5). The rows below hold the current
-- content (the draft, or what was last submitted); every submitted version is kept whole in
-- progress_report_version.
CREATE TABLE progress_report (
    id                uuid PRIMARY KEY,
    task_id           uuid          NOT NULL REFERENCES key_task (id),
    period            char(7)       NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    status            varchar(16)   NOT NULL,
    summary           varchar(2000),
    problems          varchar(2000),
    measures          varchar(2000),
    next_steps        varchar(2000),
    late              boolean       NOT NULL DEFAULT false,
    flags             varchar(32)[] NOT NULL DEFAULT '{}',
    submitted_count   int           NOT NULL DEFAULT 0,
    submitted_at      timestamptz,
    submitted_by      uuid REFERENCES app_user (id),
    decided_at        timestamptz,
    decided_by        uuid REFERENCES app_user (id),
    decision_comment  varchar(500),
    version           bigint        NOT NULL,
    created_at        timestamptz   NOT NULL,
    updated_at        timestamptz   NOT NULL,
    CONSTRAINT progress_report_one_per_month UNIQUE (task_id, period)
);
CREATE INDEX progress_report_period ON progress_report (period, status);

CREATE TABLE progress_report_sub_item (
    report_id          uuid          NOT NULL REFERENCES progress_report (id) ON DELETE CASCADE,
    sub_item_id        uuid          NOT NULL REFERENCES task_sub_item (id),
    actual             numeric(5,2)  CHECK (actual BETWEEN 0 AND 100),
    note               varchar(1000),
    correction_reason  varchar(500),
    updated_by         uuid REFERENCES app_user (id),
    updated_at         timestamptz   NOT NULL,
    PRIMARY KEY (report_id, sub_item_id)
);
CREATE INDEX progress_report_sub_item_sub_item ON progress_report_sub_item (sub_item_id);

-- 需协调解决事项: what the unit cannot solve alone, and whom it asks.
CREATE TABLE progress_report_coordination (
    report_id    uuid           NOT NULL REFERENCES progress_report (id) ON DELETE CASCADE,
    list_order   int            NOT NULL,
    description  varchar(1000)  NOT NULL,
    unit_ids     uuid[]         NOT NULL,
    PRIMARY KEY (report_id, list_order)
);

CREATE TABLE progress_report_version (
    report_id     uuid         NOT NULL REFERENCES progress_report (id) ON DELETE CASCADE,
    number        int          NOT NULL,
    submitted_at  timestamptz  NOT NULL,
    submitted_by  uuid REFERENCES app_user (id),
    late          boolean      NOT NULL,
    content       jsonb        NOT NULL,
    PRIMARY KEY (report_id, number)
);
