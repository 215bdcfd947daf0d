-- Problems 问题 (R6, R10): found in supervision or raised from a report's coordination request,
-- assigned by the office to units with a deadline, answered by them, closed or reported to the
-- city leaders.
CREATE TABLE problem (
    id                 uuid PRIMARY KEY,
    task_id            uuid           NOT NULL REFERENCES key_task (id),
    sub_item_id        uuid REFERENCES task_sub_item (id),
    description        varchar(1000)  NOT NULL,
    raised_by_office   boolean        NOT NULL,
    raised_by_unit_id  uuid REFERENCES org_unit (id),
    source             varchar(32)    NOT NULL,
    source_period      char(7),
    source_index       int,
    assigned_unit_ids  uuid[]         NOT NULL DEFAULT '{}',
    deadline           date,
    status             varchar(24)    NOT NULL,
    status_comment     varchar(1000),
    created_by         uuid REFERENCES app_user (id),
    version            bigint         NOT NULL,
    created_at         timestamptz    NOT NULL,
    updated_at         timestamptz    NOT NULL,
    CONSTRAINT problem_raised_by CHECK (raised_by_office OR raised_by_unit_id IS NOT NULL),
    CONSTRAINT problem_request_source CHECK (
        (source = 'COORDINATION_REQUEST') = (source_period IS NOT NULL AND source_index IS NOT NULL))
);
-- One problem per coordination request: turning the same request twice finds the first.
CREATE UNIQUE INDEX problem_one_per_request ON problem (task_id, source_period, source_index)
    WHERE source = 'COORDINATION_REQUEST';
CREATE INDEX problem_task ON problem (task_id, created_at);
CREATE INDEX problem_status ON problem (status, created_at);
CREATE INDEX problem_assigned ON problem USING gin (assigned_unit_ids);

CREATE TABLE problem_answer (
    problem_id   uuid           NOT NULL REFERENCES problem (id) ON DELETE CASCADE,
    number       int            NOT NULL,
    unit_id      uuid           NOT NULL REFERENCES org_unit (id),
    text         varchar(1000)  NOT NULL,
    answered_by  uuid REFERENCES app_user (id),
    answered_at  timestamptz    NOT NULL,
    PRIMARY KEY (problem_id, number)
);

-- Joint meetings 联席会议 of a task, convened by its lead unit or the office. A decision may open
-- a problem (kept in problem_id) or ask the office for an assignment slip.
CREATE TABLE joint_meeting (
    id                    uuid PRIMARY KEY,
    task_id               uuid           NOT NULL REFERENCES key_task (id),
    held_on               date           NOT NULL,
    convened_by_office    boolean        NOT NULL,
    convened_by_unit_id   uuid REFERENCES org_unit (id),
    participant_unit_ids  uuid[]         NOT NULL,
    minutes               varchar(5000)  NOT NULL,
    created_by            uuid REFERENCES app_user (id),
    version               bigint         NOT NULL,
    created_at            timestamptz    NOT NULL,
    updated_at            timestamptz    NOT NULL,
    CONSTRAINT joint_meeting_convened_by CHECK (convened_by_office OR convened_by_unit_id IS NOT NULL)
);
CREATE INDEX joint_meeting_task ON joint_meeting (task_id, held_on);

CREATE TABLE joint_meeting_decision (
    meeting_id               uuid           NOT NULL REFERENCES joint_meeting (id) ON DELETE CASCADE,
    list_order               int            NOT NULL,
    text                     varchar(1000)  NOT NULL,
    open_problem             boolean        NOT NULL,
    assigned_unit_ids        uuid[]         NOT NULL DEFAULT '{}',
    deadline                 date,
    problem_id               uuid REFERENCES problem (id),
    request_assignment_slip  boolean        NOT NULL,
    PRIMARY KEY (meeting_id, list_order)
);
