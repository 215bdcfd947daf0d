-- Changes to registered tasks go through adjustment requests; every registered version is kept (R2).
CREATE TABLE task_adjustment (
    id             uuid PRIMARY KEY,
    task_id        uuid         NOT NULL REFERENCES key_task (id) ON DELETE CASCADE,
    status         varchar(16)  NOT NULL,
    reason         varchar(500) NOT NULL,
    proposal       text         NOT NULL,
    requested_by   varchar(64)  NOT NULL,
    requested_at   timestamptz  NOT NULL,
    decided_by     varchar(64),
    decided_at     timestamptz,
    decision_note  varchar(500),
    version        bigint       NOT NULL
);
CREATE INDEX task_adjustment_task ON task_adjustment (task_id, requested_at);
-- At most one pending request per task.
CREATE UNIQUE INDEX task_adjustment_one_pending ON task_adjustment (task_id) WHERE status = 'PENDING';

CREATE TABLE key_task_version (
    task_id      uuid         NOT NULL REFERENCES key_task (id) ON DELETE CASCADE,
    number       int          NOT NULL,
    recorded_at  timestamptz  NOT NULL,
    recorded_by  varchar(64)  NOT NULL,
    reason       varchar(500) NOT NULL,
    snapshot     text         NOT NULL,
    PRIMARY KEY (task_id, number)
);
