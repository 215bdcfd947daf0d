-- The three slips of the office (R7–R9): assignment 交办单, urging 催办单, supervision order 督办单.
-- A slip is drafted by the office, numbered when issued, signed for and answered by its target
-- units, and closed by the office with an outcome. Evidence is snapshotted when drafted.
CREATE TABLE slip (
    id                 uuid PRIMARY KEY,
    type               varchar(16)    NOT NULL CHECK (type IN ('ASSIGNMENT', 'URGING', 'SUPERVISION')),
    year               int            NOT NULL,
    number             varchar(40),
    serial             int            CHECK (serial > 0),
    task_id            uuid           NOT NULL REFERENCES key_task (id),
    sub_item_id        uuid           REFERENCES task_sub_item (id),
    requirements       varchar(4000)  NOT NULL,
    response_deadline  date           NOT NULL,
    status             varchar(20)    NOT NULL CHECK (status IN ('DRAFT', 'PENDING_APPROVAL', 'APPROVED',
                                          'REJECTED', 'ISSUED', 'ACKNOWLEDGED', 'RESPONDED', 'CLOSED',
                                          'ESCALATED', 'WITHDRAWN')),
    outcome            varchar(16)    CHECK (outcome IN ('RESOLVED', 'UNRESOLVED')),
    override_reason    varchar(500),
    override_by        uuid REFERENCES app_user (id),
    evidence           jsonb          NOT NULL DEFAULT '{}'::jsonb,
    response_accepted  boolean        NOT NULL DEFAULT false,
    superseded_by      uuid REFERENCES slip (id),
    drafted_by         uuid REFERENCES app_user (id),
    approved_by        uuid REFERENCES app_user (id),
    approved_at        timestamptz,
    issued_by          uuid REFERENCES app_user (id),
    issued_at          timestamptz,
    acknowledged_at    timestamptz,
    closed_at          timestamptz,
    version            bigint         NOT NULL,
    created_at         timestamptz    NOT NULL,
    updated_at         timestamptz    NOT NULL,
    CONSTRAINT slip_number_unique UNIQUE (number),
    CONSTRAINT slip_serial_unique UNIQUE (type, year, serial),
    CONSTRAINT slip_numbered_when_issued CHECK ((number IS NULL) = (serial IS NULL))
);
CREATE INDEX slip_task ON slip (task_id, type, status);
CREATE INDEX slip_year_type ON slip (year, type, status);

-- The units a slip is addressed to (default: the task's lead unit).
CREATE TABLE slip_target_unit (
    slip_id     uuid  NOT NULL REFERENCES slip (id) ON DELETE CASCADE,
    unit_id     uuid  NOT NULL REFERENCES org_unit (id),
    list_order  int   NOT NULL,
    PRIMARY KEY (slip_id, unit_id)
);
CREATE INDEX slip_target_unit_unit ON slip_target_unit (unit_id);

-- The units a slip is copied to; automatic copies (supervision orders) are marked.
CREATE TABLE slip_copy_unit (
    slip_id     uuid     NOT NULL REFERENCES slip (id) ON DELETE CASCADE,
    unit_id     uuid     NOT NULL REFERENCES org_unit (id),
    automatic   boolean  NOT NULL DEFAULT false,
    list_order  int      NOT NULL,
    PRIMARY KEY (slip_id, unit_id)
);
CREATE INDEX slip_copy_unit_unit ON slip_copy_unit (unit_id);

-- The answers of the target units (反馈); the office accepts one or returns it.
CREATE TABLE slip_response (
    slip_id        uuid           NOT NULL REFERENCES slip (id) ON DELETE CASCADE,
    number         int            NOT NULL CHECK (number > 0),
    unit_id        uuid           NOT NULL REFERENCES org_unit (id),
    text           varchar(4000)  NOT NULL,
    responded_by   uuid REFERENCES app_user (id),
    responded_at   timestamptz    NOT NULL,
    decision       varchar(16)    CHECK (decision IN ('RETURNED', 'ACCEPTED')),
    decided_by     uuid REFERENCES app_user (id),
    decided_at     timestamptz,
    decision_note  varchar(1000),
    PRIMARY KEY (slip_id, number)
);

-- Every move of a slip, in order.
CREATE TABLE slip_move (
    slip_id      uuid          NOT NULL REFERENCES slip (id) ON DELETE CASCADE,
    number       int           NOT NULL CHECK (number > 0),
    action       varchar(20)   NOT NULL,
    from_status  varchar(20)   NOT NULL,
    to_status    varchar(20)   NOT NULL,
    comment      varchar(1000),
    outcome      varchar(16),
    actor_id     uuid REFERENCES app_user (id),
    actor_unit   uuid REFERENCES org_unit (id),
    moved_at     timestamptz   NOT NULL,
    PRIMARY KEY (slip_id, number)
);

-- The last number given per slip type and year. Issuing locks the row until the issuing
-- transaction ends, so numbers are unique and, since a rollback gives them back, gapless.
CREATE TABLE slip_number_counter (
    type         varchar(16)  NOT NULL,
    year         int          NOT NULL,
    last_number  int          NOT NULL CHECK (last_number >= 0),
    PRIMARY KEY (type, year)
);
