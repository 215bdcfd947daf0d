-- The seed's escalation rules on slips (R7–R9), the proposals the monthly cycle drafts, the leaders
-- given the right to approve supervision orders, and the overdue notices.
ALTER TABLE slip
    -- the rule the slip rests on: R7, R8_YELLOW, R8_RED, R8_NOT_REPORTED, R9, or OVERRIDE
    ADD COLUMN rule                       varchar(20),
    -- a supervision order: the urging slip it escalates (R9); an urging slip: the order superseding it
    ADD COLUMN basis_slip_id              uuid REFERENCES slip (id),
    -- the month whose figures the slip was proposed on; drafts from proposals are unique per task,
    -- type and month, so proposing twice drafts once
    ADD COLUMN proposal_period            char(7) CHECK (proposal_period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    -- the month judged on when the slip was issued, and the task's lag and light in it: R9 compares
    -- them with a later month's
    ADD COLUMN period_at_issue            char(7),
    ADD COLUMN lag_at_issue               numeric(6,2),
    ADD COLUMN light_at_issue             varchar(16),
    -- when the overdue events were appended (once each): not acknowledged in time; no accepted response by the deadline
    ADD COLUMN acknowledgement_overdue_at timestamptz,
    ADD COLUMN response_overdue_at        timestamptz;

CREATE UNIQUE INDEX slip_proposal_once ON slip (task_id, type, proposal_period) WHERE proposal_period IS NOT NULL;
CREATE INDEX slip_basis ON slip (basis_slip_id) WHERE basis_slip_id IS NOT NULL;
CREATE INDEX slip_superseded_by ON slip (superseded_by) WHERE superseded_by IS NOT NULL;
-- the overdue scan reads only slips still waiting for acknowledgement or an accepted response
CREATE INDEX slip_open_issued ON slip (issued_at) WHERE status IN ('ISSUED', 'ACKNOWLEDGED', 'RESPONDED');

-- City leaders given the right to approve any supervision order, beside each task's leader in charge.
CREATE TABLE slip_approver (
    user_id     uuid          PRIMARY KEY REFERENCES app_user (id),
    note        varchar(500),
    granted_by  uuid          REFERENCES app_user (id),
    granted_at  timestamptz   NOT NULL
);
