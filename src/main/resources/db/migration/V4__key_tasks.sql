-- The key-task register (R1–R3).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE key_task (
    id                         uuid PRIMARY KEY,
    year                       int          NOT NULL,
    code                       varchar(20),
    category                   varchar(32)  NOT NULL,
    title                      varchar(200) NOT NULL,
    target                     varchar(2000) NOT NULL,
    content                    varchar(4000) NOT NULL,
    deadline                   date         NOT NULL,
    lead_unit_id               uuid         NOT NULL REFERENCES org_unit (id),
    unit_head                  varchar(50),
    leader_in_charge_id        uuid REFERENCES app_user (id),
    responsible_division       varchar(100),
    responsible_person_name    varchar(50),
    responsible_person_mobile  varchar(11),
    document_number            varchar(100),
    status                     varchar(16)  NOT NULL,
    status_note                varchar(500),
    version                    bigint       NOT NULL,
    created_at                 timestamptz  NOT NULL,
    updated_at                 timestamptz  NOT NULL,
    CONSTRAINT key_task_code_unique UNIQUE (code)
);
CREATE INDEX key_task_year_category ON key_task (year, category, status);
CREATE INDEX key_task_lead ON key_task (lead_unit_id);
CREATE INDEX key_task_leader ON key_task (leader_in_charge_id);
CREATE INDEX key_task_created ON key_task (created_at);
-- Substring search over title, target and content; trigrams serve patterns of three or more characters.
CREATE INDEX key_task_text ON key_task USING gin ((title || ' ' || target || ' ' || content) gin_trgm_ops);

-- Cooperating departments and what each answers for (配合部门及配合事项).
CREATE TABLE key_task_cooperation (
    task_id         uuid         NOT NULL REFERENCES key_task (id) ON DELETE CASCADE,
    unit_id         uuid         NOT NULL REFERENCES org_unit (id),
    responsibility  varchar(500) NOT NULL,
    list_order      int          NOT NULL,
    PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX key_task_cooperation_unit ON key_task_cooperation (unit_id);

-- The last code number given per year and category. Taking a number locks the row until the
-- accepting transaction ends, so numbers are unique and, since a rollback gives them back, gapless.
CREATE TABLE task_code_counter (
    year         int         NOT NULL,
    category     varchar(32) NOT NULL,
    last_number  int         NOT NULL,
    PRIMARY KEY (year, category)
);
