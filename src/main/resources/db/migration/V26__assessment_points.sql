-- Bonus and deduction points (R16): the yearly rule book 考核细则, the point entries posted from the
-- domain event log or proposed by hand, objections 申诉, and the frozen annual assessment.

-- A version of a year's rule book. ASSESSMENT edits the DRAFT and activates it; an ACTIVE version
-- never changes and is SUPERSEDED when the next one is activated.
CREATE TABLE assessment_rule_book (
    id              uuid PRIMARY KEY,
    year            int            NOT NULL CHECK (year BETWEEN 2000 AND 2999),
    version         int            NOT NULL CHECK (version > 0),
    status          varchar(16)    NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'SUPERSEDED')),
    title           varchar(200)   NOT NULL,
    base_score      numeric(6,2)   NOT NULL CHECK (base_score >= 0),
    bonus_cap       numeric(7,2)   CHECK (bonus_cap > 0),
    deduction_cap   numeric(7,2)   CHECK (deduction_cap > 0),
    objection_days  int            NOT NULL CHECK (objection_days BETWEEN 1 AND 365),
    created_by      uuid REFERENCES app_user (id),
    activated_by    uuid REFERENCES app_user (id),
    activated_at    timestamptz,
    row_version     bigint         NOT NULL,
    created_at      timestamptz    NOT NULL,
    updated_at      timestamptz    NOT NULL,
    CONSTRAINT assessment_rule_book_version UNIQUE (year, version),
    CONSTRAINT assessment_rule_book_activated CHECK ((status = 'DRAFT') = (activated_at IS NULL))
);
CREATE UNIQUE INDEX assessment_rule_book_one_active ON assessment_rule_book (year) WHERE status = 'ACTIVE';
CREATE UNIQUE INDEX assessment_rule_book_one_draft ON assessment_rule_book (year) WHERE status = 'DRAFT';

-- A rule: the event it applies to (and a condition on its payload), the points (+ bonus, − deduction),
-- whom they go to and the share a cooperating unit bears, and a cap per unit and year.
CREATE TABLE assessment_rule (
    rule_book_id       uuid           NOT NULL REFERENCES assessment_rule_book (id) ON DELETE CASCADE,
    code               varchar(32)    NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{0,31}$'),
    description        varchar(500)   NOT NULL,
    event_type         varchar(64)    NOT NULL,
    condition          jsonb          NOT NULL DEFAULT '{}',
    points             numeric(6,2)   NOT NULL CHECK (points <> 0),
    applies_to         varchar(24)    NOT NULL CHECK (applies_to IN ('LEAD', 'COOPERATING', 'LEAD_AND_COOPERATING', 'TARGET')),
    cooperating_share  numeric(4,3)   NOT NULL DEFAULT 0.5 CHECK (cooperating_share >= 0 AND cooperating_share <= 1),
    cap_per_unit       numeric(7,2)   CHECK (cap_per_unit > 0),
    list_order         int            NOT NULL,
    PRIMARY KEY (rule_book_id, code)
);
CREATE INDEX assessment_rule_event ON assessment_rule (event_type);

-- A point entry. Never edited nor deleted: a correction is a reversal entry referring to the entry it
-- reverses. Posted ones carry their source event, rule and rule-book version; manual ones are
-- PROPOSED until a second ASSESSMENT account approves them.
CREATE TABLE point_entry (
    id                uuid PRIMARY KEY,
    seq               bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    unit_id           uuid           NOT NULL REFERENCES org_unit (id),
    year              int            NOT NULL,
    points            numeric(7,2)   NOT NULL,
    source            varchar(16)    NOT NULL CHECK (source IN ('SUPERVISION', 'EVALUATION', 'MANUAL')),
    rule_code         varchar(32),
    rule_book_id      uuid REFERENCES assessment_rule_book (id),
    rule_book_version int,
    source_event_id   uuid REFERENCES domain_event (id),
    object_type       varchar(32),
    object_id         varchar(64),
    object_label      varchar(200),
    computation       jsonb          NOT NULL DEFAULT '{}',
    reason            varchar(2000),
    attachment_ids    uuid[]         NOT NULL DEFAULT '{}',
    reversal_of       uuid REFERENCES point_entry (id),
    re_evaluation_id  uuid,
    status            varchar(16)    NOT NULL CHECK (status IN ('PROPOSED', 'EFFECTIVE', 'REJECTED')),
    proposed_by       uuid REFERENCES app_user (id),
    decided_by        uuid REFERENCES app_user (id),
    decided_at        timestamptz,
    decision_reason   varchar(2000),
    created_at        timestamptz    NOT NULL,
    CONSTRAINT point_entry_reversed_once UNIQUE (reversal_of),
    CONSTRAINT point_entry_posted_has_basis CHECK (source = 'MANUAL' OR reversal_of IS NOT NULL
        OR (rule_code IS NOT NULL AND rule_book_id IS NOT NULL AND source_event_id IS NOT NULL)),
    CONSTRAINT point_entry_manual_has_reason CHECK (source <> 'MANUAL' OR reason IS NOT NULL)
);
-- The posting consumer never posts one event twice under one rule of one version for one unit.
CREATE UNIQUE INDEX point_entry_once ON point_entry (source_event_id, rule_code, rule_book_version, unit_id)
    WHERE reversal_of IS NULL AND source_event_id IS NOT NULL;
CREATE INDEX point_entry_unit_year ON point_entry (unit_id, year, seq);
CREATE INDEX point_entry_year ON point_entry (year, status, seq);
CREATE INDEX point_entry_event ON point_entry (source_event_id);

CREATE FUNCTION point_entry_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'point entries are never deleted' USING ERRCODE = 'raise_exception';
    END IF;
    -- only a manual proposal's decision may be written, once
    IF OLD.status <> 'PROPOSED' OR NEW.status = 'PROPOSED'
       OR (to_jsonb(NEW) - ARRAY['status', 'decided_by', 'decided_at', 'decision_reason'])
          IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status', 'decided_by', 'decided_at', 'decision_reason']) THEN
        RAISE EXCEPTION 'point entries are never edited' USING ERRCODE = 'raise_exception';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER point_entry_no_change BEFORE UPDATE OR DELETE ON point_entry
    FOR EACH ROW EXECUTE FUNCTION point_entry_immutable();

-- Where the posting consumer stands in the event log: events are read in commit order as
-- (tx_id, seq) below the oldest transaction still running, so none committing late is skipped.
-- The lease keeps it to one instance at a time.
CREATE TABLE point_posting_cursor (
    name         varchar(32)  PRIMARY KEY,
    tx_id        xid8         NOT NULL,
    seq          bigint       NOT NULL,
    owner        varchar(100),
    lease_until  timestamptz,
    updated_at   timestamptz  NOT NULL
);
INSERT INTO point_posting_cursor (name, tx_id, seq, updated_at) VALUES ('points', '0', 0, now());

-- An objection 申诉 by the unit an entry is against, decided by ASSESSMENT: upheld posts a reversal.
CREATE TABLE point_objection (
    id                 uuid PRIMARY KEY,
    entry_id           uuid           NOT NULL REFERENCES point_entry (id),
    unit_id            uuid           NOT NULL REFERENCES org_unit (id),
    reason             varchar(2000)  NOT NULL,
    attachment_ids     uuid[]         NOT NULL DEFAULT '{}',
    status             varchar(16)    NOT NULL CHECK (status IN ('OPEN', 'UPHELD', 'REJECTED')),
    decision_reason    varchar(2000),
    decided_by         uuid REFERENCES app_user (id),
    decided_at         timestamptz,
    reversal_entry_id  uuid REFERENCES point_entry (id),
    filed_by           uuid REFERENCES app_user (id),
    filed_at           timestamptz    NOT NULL,
    version            bigint         NOT NULL,
    CONSTRAINT point_objection_decided CHECK ((status = 'OPEN') = (decided_at IS NULL)),
    CONSTRAINT point_objection_upheld CHECK ((status = 'UPHELD') = (reversal_entry_id IS NOT NULL))
);
CREATE UNIQUE INDEX point_objection_one_open ON point_objection (entry_id) WHERE status = 'OPEN';
CREATE INDEX point_objection_unit ON point_objection (unit_id, filed_at);

-- A re-evaluation under a newly activated rule-book version: the reversals and entries it posted
-- carry its id.
CREATE TABLE assessment_re_evaluation (
    id            uuid PRIMARY KEY,
    year          int          NOT NULL,
    rule_book_id  uuid         NOT NULL REFERENCES assessment_rule_book (id),
    counts        jsonb        NOT NULL,
    applied_by    uuid REFERENCES app_user (id),
    applied_at    timestamptz  NOT NULL
);

-- The annual assessment frozen by the yearly cycle: one snapshot row per unit; after that only an
-- upheld objection changes a row, and each change is recorded.
CREATE TABLE assessment_year (
    year               int PRIMARY KEY,
    rule_book_id       uuid         NOT NULL REFERENCES assessment_rule_book (id),
    frozen_at          timestamptz  NOT NULL,
    frozen_by          uuid REFERENCES app_user (id),
    last_entry_seq     bigint       NOT NULL
);

CREATE TABLE assessment_snapshot (
    year        int            NOT NULL REFERENCES assessment_year (year),
    unit_id     uuid           NOT NULL REFERENCES org_unit (id),
    unit_type   varchar(32)    NOT NULL,
    base        numeric(7,2)   NOT NULL,
    bonus       numeric(8,2)   NOT NULL,
    deduction   numeric(8,2)   NOT NULL,
    total       numeric(8,2)   NOT NULL,
    rank        int            NOT NULL,
    by_rule     jsonb          NOT NULL,
    by_source   jsonb          NOT NULL,
    updated_at  timestamptz    NOT NULL,
    PRIMARY KEY (year, unit_id)
);

CREATE TABLE assessment_snapshot_change (
    id            uuid PRIMARY KEY,
    year          int          NOT NULL REFERENCES assessment_year (year),
    unit_id       uuid         NOT NULL REFERENCES org_unit (id),
    objection_id  uuid         NOT NULL REFERENCES point_objection (id),
    before        jsonb        NOT NULL,
    after         jsonb        NOT NULL,
    changed_at    timestamptz  NOT NULL
);
CREATE INDEX assessment_snapshot_change_year ON assessment_snapshot_change (year, changed_at);
