-- The quarterly briefing 情况通报 (R10): one per quarter, drafted from the data of the quarter's
-- last month (the frozen ledger when that month is closed, else the stored figures) and of the
-- quarter's slips and problems. The data is a snapshot (jsonb) taken when drafted or refreshed;
-- the office edits its own text while it is a draft; publishing is final.
CREATE TABLE briefing (
    id            uuid PRIMARY KEY,
    quarter       char(7)        NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
    year          int            NOT NULL,
    status        varchar(16)    NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
    title         varchar(200)   NOT NULL,
    foreword      varchar(4000),
    conclusions   varchar(8000),
    data          jsonb          NOT NULL,
    computed_at   timestamptz    NOT NULL,
    drafted_by    uuid REFERENCES app_user (id),
    published_by  uuid REFERENCES app_user (id),
    published_at  timestamptz,
    version       bigint         NOT NULL,
    created_at    timestamptz    NOT NULL,
    updated_at    timestamptz    NOT NULL,
    CONSTRAINT briefing_one_per_quarter UNIQUE (quarter),
    CONSTRAINT briefing_published_when CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL))
);
CREATE INDEX briefing_year_status ON briefing (year, status);
