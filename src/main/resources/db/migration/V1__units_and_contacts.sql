-- Units of the city (单位) and their supervision contacts (R11).

CREATE TABLE org_unit (
    id          uuid PRIMARY KEY,
    code        varchar(32)  NOT NULL,
    name        varchar(100) NOT NULL,
    short_name  varchar(30),
    type        varchar(32)  NOT NULL,
    parent_id   uuid REFERENCES org_unit (id),
    active      boolean      NOT NULL DEFAULT true,
    version     bigint       NOT NULL,
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL,
    CONSTRAINT org_unit_code_unique UNIQUE (code),
    CONSTRAINT org_unit_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX org_unit_parent ON org_unit (parent_id);
CREATE INDEX org_unit_type ON org_unit (type);

-- One row per unit: the body responsible for supervision (督查工作机构), versioned on its own.
CREATE TABLE unit_contact (
    unit_id           uuid PRIMARY KEY REFERENCES org_unit (id) ON DELETE CASCADE,
    supervision_body  varchar(100),
    version           bigint      NOT NULL,
    updated_at        timestamptz NOT NULL
);

-- Liaison persons (联络员). Phones and e-mail are personal data.
CREATE TABLE unit_liaison (
    id            uuid PRIMARY KEY,
    unit_id       uuid        NOT NULL REFERENCES unit_contact (unit_id) ON DELETE CASCADE,
    list_order    int         NOT NULL,
    name          varchar(50) NOT NULL,
    position      varchar(50),
    office_phone  varchar(32),
    mobile        varchar(11),
    email         varchar(254),
    is_primary    boolean     NOT NULL DEFAULT false
);
CREATE INDEX unit_liaison_unit ON unit_liaison (unit_id, list_order);
CREATE UNIQUE INDEX unit_liaison_one_primary ON unit_liaison (unit_id) WHERE is_primary;
