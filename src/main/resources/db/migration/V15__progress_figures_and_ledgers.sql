-- Lag and lights (R5): the figures of every registered task per month, computed set-based from
-- the schedule (task_sub_item_month) and the accepted reports; light changes append light.changed.
CREATE TABLE progress_figure (
    task_id        uuid          NOT NULL REFERENCES key_task (id) ON DELETE CASCADE,
    period         char(7)       NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    planned        numeric(5,2)  NOT NULL,
    actual         numeric(5,2)  NOT NULL,
    lag            numeric(6,2)  NOT NULL,
    light          varchar(16)   NOT NULL,
    report_id      uuid,
    report_status  varchar(16),
    computed_at    timestamptz   NOT NULL,
    PRIMARY KEY (task_id, period)
);
CREATE INDEX progress_figure_period ON progress_figure (period, light);

CREATE TABLE progress_sub_item_figure (
    sub_item_id  uuid          NOT NULL REFERENCES task_sub_item (id) ON DELETE CASCADE,
    period       char(7)       NOT NULL,
    task_id      uuid          NOT NULL REFERENCES key_task (id) ON DELETE CASCADE,
    planned      numeric(5,2)  NOT NULL,
    actual       numeric(5,2)  NOT NULL,
    lag          numeric(6,2)  NOT NULL,
    computed_at  timestamptz   NOT NULL,
    PRIMARY KEY (sub_item_id, period)
);
CREATE INDEX progress_sub_item_figure_task ON progress_sub_item_figure (task_id, period);

-- The monthly ledger 台账 (R5, R13). No row: the month is open and its ledger is computed live.
-- Closing freezes version 1; a correction adds a version with a reason; publishing shows the
-- latest version to the public (published_version). Frozen rows never change.
CREATE TABLE ledger (
    period             char(7)      PRIMARY KEY CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    latest_version     int          NOT NULL,
    closed_at          timestamptz  NOT NULL,
    closed_by          uuid REFERENCES app_user (id),
    published_version  int,
    published_at       timestamptz,
    published_by       uuid REFERENCES app_user (id),
    version            bigint       NOT NULL
);

CREATE TABLE ledger_version (
    period      char(7)      NOT NULL REFERENCES ledger (period),
    number      int          NOT NULL CHECK (number >= 1),
    reason      varchar(500),
    row_count   int          NOT NULL,
    created_at  timestamptz  NOT NULL,
    created_by  uuid REFERENCES app_user (id),
    PRIMARY KEY (period, number)
);

-- One row per registered task and version, as it stood when the version was made. Unit names are
-- copied so the row reads the same after a unit is renamed. leader_name is personal data: the
-- internal ledger shows it, the public ledger never does.
CREATE TABLE ledger_row (
    period                   char(7)        NOT NULL,
    version                  int            NOT NULL,
    row_no                   int            NOT NULL,
    task_id                  uuid           NOT NULL REFERENCES key_task (id),
    code                     varchar(20),
    title                    varchar(200)   NOT NULL,
    category                 varchar(32)    NOT NULL,
    lead_unit_id             uuid           NOT NULL,
    lead_unit_name           varchar(100)   NOT NULL,
    cooperating_unit_ids     uuid[]         NOT NULL,
    cooperating_unit_names   varchar(100)[] NOT NULL,
    leader_name              varchar(50),
    deadline                 date           NOT NULL,
    planned                  numeric(5,2)   NOT NULL,
    actual                   numeric(5,2)   NOT NULL,
    lag                      numeric(6,2)   NOT NULL,
    light                    varchar(16)    NOT NULL,
    report_id                uuid,
    report_status            varchar(16),
    summary                  varchar(2000),
    problems                 varchar(2000),
    photo_count              int            NOT NULL,
    PRIMARY KEY (period, version, row_no),
    FOREIGN KEY (period, version) REFERENCES ledger_version (period, number),
    CONSTRAINT ledger_row_task_once UNIQUE (period, version, task_id)
);
CREATE INDEX ledger_row_lead ON ledger_row (lead_unit_id);

CREATE FUNCTION ledger_row_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger rows are frozen' USING ERRCODE = 'raise_exception';
END $$;
CREATE TRIGGER ledger_row_no_change BEFORE UPDATE OR DELETE ON ledger_row
    FOR EACH ROW EXECUTE FUNCTION ledger_row_frozen();
