-- Photo and document evidence (R13 影像资料). Files live in the database itself, cut into chunks,
-- so that every instance shares them and one backup holds everything.
CREATE TABLE evidence_blob (
    id          uuid PRIMARY KEY,
    size        bigint       NOT NULL CHECK (size >= 0),
    chunk_size  int          NOT NULL CHECK (chunk_size > 0),
    created_at  timestamptz  NOT NULL
);

CREATE TABLE evidence_chunk (
    blob_id   uuid   NOT NULL REFERENCES evidence_blob (id) ON DELETE CASCADE,
    chunk_no  int    NOT NULL CHECK (chunk_no >= 0),
    data      bytea  NOT NULL,
    PRIMARY KEY (blob_id, chunk_no)
);
-- Photos and PDFs are compressed already: store the chunks out of line without trying again.
ALTER TABLE evidence_chunk ALTER COLUMN data SET STORAGE EXTERNAL;

-- An attached file. The owner is what it is evidence for: a monthly report now, a supervision
-- slip later; the task is kept beside it so that the same file twice on one task is found.
CREATE TABLE attachment (
    id              uuid PRIMARY KEY,
    owner_type      varchar(16)    NOT NULL CHECK (owner_type IN ('REPORT', 'SLIP')),
    owner_id        uuid           NOT NULL,
    task_id         uuid           REFERENCES key_task (id),
    period          char(7)        CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    file_name       varchar(255)   NOT NULL,
    caption         varchar(500),
    content_type    varchar(64)    NOT NULL,
    size            bigint         NOT NULL CHECK (size > 0),
    sha256          char(64)       NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    taken_at        timestamptz,
    latitude        numeric(9,6)   CHECK (latitude BETWEEN -90 AND 90),
    longitude       numeric(9,6)   CHECK (longitude BETWEEN -180 AND 180),
    width           int            CHECK (width > 0),
    height          int            CHECK (height > 0),
    flags           varchar(32)[]  NOT NULL DEFAULT '{}',
    content_blob    uuid           NOT NULL REFERENCES evidence_blob (id),
    thumbnail_blob  uuid           REFERENCES evidence_blob (id),
    public_blob     uuid           REFERENCES evidence_blob (id),
    uploaded_by     uuid           REFERENCES app_user (id),
    uploaded_at     timestamptz    NOT NULL
);
CREATE INDEX attachment_owner ON attachment (owner_type, owner_id, uploaded_at);
CREATE INDEX attachment_task_sha256 ON attachment (task_id, sha256);
