-- Webhook subscriptions: the URL of an account (a user or a service account, by id) that receives
-- the domain events of the chosen types the account may see (unit_scope NULL: every unit), signed
-- with a secret kept encrypted (Base64 of the AES-GCM nonce and ciphertext).
-- created_snapshot: the events of transactions committed in it are older than the subscription.
CREATE TABLE webhook (
    id                     uuid          PRIMARY KEY,
    owner_id               uuid          NOT NULL,
    url                    varchar(2000) NOT NULL,
    event_types            varchar(64)[] NOT NULL,
    description            varchar(500),
    unit_scope             uuid,
    active                 boolean       NOT NULL,
    consecutive_failures   integer       NOT NULL DEFAULT 0,
    secret                 varchar(200)  NOT NULL,
    previous_secret        varchar(200),
    previous_secret_until  timestamptz,
    created_snapshot       pg_snapshot   NOT NULL,
    version                bigint        NOT NULL,
    created_at             timestamptz   NOT NULL,
    updated_at             timestamptz   NOT NULL
);
CREATE INDEX webhook_owner ON webhook (owner_id, created_at);

-- One event to send to one subscription: fanned out from the event log (one per event and
-- subscription) or asked for again by hand (manual). A worker claims it until claimed_until.
CREATE TABLE webhook_delivery (
    id                uuid          PRIMARY KEY,
    webhook_id        uuid          NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    event_id          uuid          NOT NULL,
    event_type        varchar(64)   NOT NULL,
    body              text          NOT NULL,
    manual            boolean       NOT NULL DEFAULT false,
    status            varchar(16)   NOT NULL,
    attempts          integer       NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz,
    first_attempt_at  timestamptz,
    claimed_by        varchar(100),
    claimed_until     timestamptz,
    last_status_code  integer,
    last_error        varchar(500),
    last_latency_ms   integer,
    delivered_at      timestamptz,
    created_at        timestamptz   NOT NULL,
    CONSTRAINT webhook_delivery_status CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED'))
);
CREATE UNIQUE INDEX webhook_delivery_once ON webhook_delivery (webhook_id, event_id) WHERE NOT manual;
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_log ON webhook_delivery (webhook_id, created_at DESC);

-- Every attempt: when, the answer's status code or the error, how long it took.
CREATE TABLE webhook_attempt (
    id            bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id   uuid          NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempted_at  timestamptz   NOT NULL,
    status_code   integer,
    error         varchar(500),
    latency_ms    integer       NOT NULL
);
CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id, attempted_at);

-- The fan-out consumer's place in the event log, beside the points consumer's.
INSERT INTO point_posting_cursor (name, tx_id, seq, updated_at) VALUES ('webhooks', '0', 0, now());
