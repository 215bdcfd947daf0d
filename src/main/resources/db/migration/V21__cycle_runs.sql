-- The office's calendar (R10, R13): one run per cycle type and period, claimed by one instance at
-- a time under a lease, and its steps, each recorded in the transaction of its work.
CREATE TABLE cycle_run (
    type          varchar(16)  NOT NULL CHECK (type IN ('MONTHLY', 'QUARTERLY', 'YEARLY')),
    period        varchar(7)   NOT NULL CHECK (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$'),
    seq           bigint GENERATED ALWAYS AS IDENTITY,
    status        varchar(16)  NOT NULL CHECK (status IN ('RUNNING', 'WAITING', 'SUCCEEDED', 'FAILED')),
    trigger       varchar(16)  NOT NULL CHECK (trigger IN ('SCHEDULE', 'MANUAL', 'CATCH_UP')),
    started_by    uuid REFERENCES app_user (id),
    started_at    timestamptz  NOT NULL,
    finished_at   timestamptz,
    owner         varchar(100) NOT NULL,
    lease_until   timestamptz  NOT NULL,
    heartbeat_at  timestamptz  NOT NULL,
    attempts      int          NOT NULL DEFAULT 1,
    error         varchar(2000),
    PRIMARY KEY (type, period)
);
CREATE INDEX cycle_run_history ON cycle_run (seq DESC);
CREATE INDEX cycle_run_open ON cycle_run (status) WHERE status <> 'SUCCEEDED';

CREATE TABLE cycle_step (
    type         varchar(16)  NOT NULL,
    period       varchar(7)   NOT NULL,
    number       int          NOT NULL CHECK (number > 0),
    name         varchar(64)  NOT NULL,
    status       varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'DONE', 'FAILED', 'SKIPPED')),
    not_before   timestamptz,
    started_at   timestamptz,
    finished_at  timestamptz,
    duration_ms  bigint,
    counts       jsonb        NOT NULL DEFAULT '{}',
    error        varchar(2000),
    PRIMARY KEY (type, period, number),
    FOREIGN KEY (type, period) REFERENCES cycle_run (type, period) ON DELETE CASCADE
);

-- When the cycles began on this database. Catching up replays only periods whose schedule fired
-- after it: a new installation (or one upgraded to the cycles) does not replay months it never saw.
CREATE TABLE cycle_calendar (
    single  boolean      PRIMARY KEY DEFAULT true CHECK (single),
    since   timestamptz  NOT NULL
);
INSERT INTO cycle_calendar (since) VALUES (now());
