-- Public evaluation (R14, R15): the evaluator corps and the quarterly rounds with their subjects,
-- criteria and panels. Ballots, results, inquiries, open reports and public opinions build on these.

-- An NPC deputy, CPPCC member, special invited supervisor or public representative, with the
-- EVALUATOR account made with them. Contact fields are personal data: never on public endpoints.
CREATE TABLE evaluator (
    id                    uuid PRIMARY KEY,
    kind                  varchar(32)    NOT NULL CHECK (kind IN ('NPC_DEPUTY', 'CPPCC_MEMBER', 'SPECIAL_SUPERVISOR', 'PUBLIC_REPRESENTATIVE')),
    name                  varchar(50)    NOT NULL,
    affiliation           varchar(200),
    affiliation_unit_id   uuid REFERENCES org_unit (id),
    expertise             varchar(32)[]  NOT NULL DEFAULT '{}',
    term_from             date           NOT NULL,
    term_to               date           NOT NULL,
    appointment_document  varchar(100),
    mobile                varchar(11),
    email                 varchar(254),
    name_public           boolean        NOT NULL DEFAULT false,
    active                boolean        NOT NULL DEFAULT true,
    user_id               uuid           NOT NULL REFERENCES app_user (id),
    version               bigint         NOT NULL,
    created_at            timestamptz    NOT NULL,
    updated_at            timestamptz    NOT NULL,
    CONSTRAINT evaluator_one_per_account UNIQUE (user_id),
    CONSTRAINT evaluator_term CHECK (term_to >= term_from)
);
CREATE INDEX evaluator_kind ON evaluator (kind, active);
CREATE INDEX evaluator_affiliation_unit ON evaluator (affiliation_unit_id) WHERE affiliation_unit_id IS NOT NULL;

-- One round per quarter. Its criteria are frozen when it opens (criteria_version stamps the rule
-- version); phase deadlines are when each phase is due to end.
CREATE TABLE evaluation_round (
    id                  uuid PRIMARY KEY,
    period              char(7)       NOT NULL CHECK (period ~ '^[0-9]{4}-Q[1-4]$'),
    year                int           NOT NULL,
    title               varchar(200)  NOT NULL,
    status              varchar(16)   NOT NULL CHECK (status IN ('DRAFT', 'REPORTING', 'INQUIRY', 'SCORING', 'CLOSED', 'PUBLISHED')),
    min_panel           int           NOT NULL CHECK (min_panel BETWEEN 1 AND 50),
    quorum              numeric(4,3)  NOT NULL CHECK (quorum > 0 AND quorum <= 1),
    trim_at             int           NOT NULL CHECK (trim_at >= 0),
    reporting_until     timestamptz,
    inquiry_until       timestamptz,
    scoring_until       timestamptz,
    criteria_version    int,
    criteria_frozen_at  timestamptz,
    results_digest      char(64)      CHECK (results_digest ~ '^[0-9a-f]{64}$'),
    closed_at           timestamptz,
    published_at        timestamptz,
    created_by          uuid REFERENCES app_user (id),
    version             bigint        NOT NULL,
    created_at          timestamptz   NOT NULL,
    updated_at          timestamptz   NOT NULL,
    CONSTRAINT evaluation_round_one_per_quarter UNIQUE (period),
    CONSTRAINT evaluation_round_frozen CHECK ((status = 'DRAFT') = (criteria_frozen_at IS NULL)),
    CONSTRAINT evaluation_round_published CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL))
);
CREATE INDEX evaluation_round_status ON evaluation_round (status, period);

CREATE TABLE evaluation_criterion (
    round_id    uuid          NOT NULL REFERENCES evaluation_round (id) ON DELETE CASCADE,
    code        varchar(32)   NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{0,31}$'),
    name        varchar(100)  NOT NULL,
    weight      numeric(5,2)  NOT NULL CHECK (weight > 0 AND weight <= 100),
    list_order  int           NOT NULL,
    PRIMARY KEY (round_id, code)
);

-- What is evaluated: a key task, its lead and cooperating units answering for it.
CREATE TABLE evaluation_subject (
    round_id    uuid  NOT NULL REFERENCES evaluation_round (id) ON DELETE CASCADE,
    task_id     uuid  NOT NULL REFERENCES key_task (id),
    list_order  int   NOT NULL,
    PRIMARY KEY (round_id, task_id)
);
CREATE INDEX evaluation_subject_task ON evaluation_subject (task_id);

-- The evaluators who score a subject. Nobody affiliated with its lead or cooperating units.
CREATE TABLE evaluation_panel_member (
    round_id      uuid         NOT NULL,
    task_id       uuid         NOT NULL,
    evaluator_id  uuid         NOT NULL REFERENCES evaluator (id),
    assigned_by   uuid REFERENCES app_user (id),
    assigned_at   timestamptz  NOT NULL,
    PRIMARY KEY (round_id, task_id, evaluator_id),
    FOREIGN KEY (round_id, task_id) REFERENCES evaluation_subject (round_id, task_id) ON DELETE CASCADE
);
CREATE INDEX evaluation_panel_member_evaluator ON evaluation_panel_member (evaluator_id, round_id);

-- An inquiry 质询: an evaluator's question to a unit answering for a subject, its answer by a
-- deadline and the evaluator's verdict on it. Public ones are published with the results, the
-- evaluator shown by kind (by name only when they agreed).
CREATE TABLE evaluation_inquiry (
    id            uuid PRIMARY KEY,
    round_id      uuid           NOT NULL,
    task_id       uuid           NOT NULL,
    unit_id       uuid           NOT NULL REFERENCES org_unit (id),
    evaluator_id  uuid           NOT NULL REFERENCES evaluator (id),
    question      varchar(2000)  NOT NULL,
    asked_at      timestamptz    NOT NULL,
    answer_due    timestamptz    NOT NULL,
    answer        varchar(4000),
    answered_by   uuid REFERENCES app_user (id),
    answered_at   timestamptz,
    verdict       varchar(16)    CHECK (verdict IN ('SATISFACTORY', 'UNSATISFACTORY')),
    judged_at     timestamptz,
    overdue_at    timestamptz,
    public        boolean        NOT NULL DEFAULT true,
    version       bigint         NOT NULL,
    created_at    timestamptz    NOT NULL,
    updated_at    timestamptz    NOT NULL,
    FOREIGN KEY (round_id, task_id) REFERENCES evaluation_subject (round_id, task_id),
    CONSTRAINT evaluation_inquiry_answered CHECK ((answer IS NULL) = (answered_at IS NULL)),
    CONSTRAINT evaluation_inquiry_judged CHECK ((verdict IS NULL) = (judged_at IS NULL))
);
CREATE INDEX evaluation_inquiry_round ON evaluation_inquiry (round_id, task_id, asked_at);
CREATE INDEX evaluation_inquiry_unit ON evaluation_inquiry (unit_id, round_id);
CREATE INDEX evaluation_inquiry_open ON evaluation_inquiry (answer_due) WHERE answered_at IS NULL AND overdue_at IS NULL;
