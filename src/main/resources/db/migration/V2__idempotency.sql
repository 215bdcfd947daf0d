-- Answers to creating requests, by Idempotency-Key, so that a replay returns the first answer.
CREATE TABLE idempotency_record (
    scope            varchar(64)  NOT NULL,
    idempotency_key  varchar(128) NOT NULL,
    operation        varchar(200) NOT NULL,
    request_hash     char(64)     NOT NULL,
    status           int,
    body             text,
    location         varchar(500),
    etag             varchar(64),
    created_at       timestamptz  NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotency_record_created ON idempotency_record (created_at);
