-- Public evaluation (R14): the open reports units submit for a round's subject, and the hearings
-- 汇报会 the office records.

-- One open report per unit and subject: the lead or a cooperating unit, replaced while REPORTING.
CREATE TABLE evaluation_report (
    round_id        uuid            NOT NULL,
    task_id         uuid            NOT NULL,
    unit_id         uuid            NOT NULL REFERENCES org_unit (id),
    text            varchar(10000)  NOT NULL,
    attachment_ids  uuid[]          NOT NULL DEFAULT '{}',
    submitted_by    uuid REFERENCES app_user (id),
    submitted_at    timestamptz     NOT NULL,
    PRIMARY KEY (round_id, task_id, unit_id),
    FOREIGN KEY (round_id, task_id) REFERENCES evaluation_subject (round_id, task_id) ON DELETE CASCADE
);
CREATE INDEX evaluation_report_unit ON evaluation_report (unit_id, round_id);

CREATE TABLE evaluation_hearing (
    id            uuid            PRIMARY KEY,
    round_id      uuid            NOT NULL REFERENCES evaluation_round (id) ON DELETE CASCADE,
    held_at       timestamptz     NOT NULL,
    place         varchar(200)    NOT NULL,
    participants  varchar(2000)   NOT NULL,
    notes         varchar(10000),
    task_ids      uuid[]          NOT NULL DEFAULT '{}',
    created_by    uuid REFERENCES app_user (id),
    created_at    timestamptz     NOT NULL
);
CREATE INDEX evaluation_hearing_round ON evaluation_hearing (round_id, held_at);
