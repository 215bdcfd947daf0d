-- Service accounts: programs that get tokens by the OAuth 2.0 client-credentials grant. Each is
-- backed by an app_user row of kind SERVICE, so foreign keys, the audit actor, scoping and token
-- cut-offs work as for people; a SERVICE row has no usable password and is never listed as a user.
ALTER TABLE app_user ADD COLUMN kind varchar(8) NOT NULL DEFAULT 'PERSON'
    CONSTRAINT app_user_kind_known CHECK (kind IN ('PERSON', 'SERVICE'));

CREATE TABLE service_account (
    user_id               uuid         PRIMARY KEY REFERENCES app_user (id),
    name                  varchar(50)  NOT NULL,
    description           varchar(500),
    client_id             varchar(64)  NOT NULL,
    -- SHA-256 (hex) of a 32-byte random secret: high entropy needs no slow hash.
    secret_hash           char(64)     NOT NULL,
    secret_created_at     timestamptz  NOT NULL,
    -- The secret before the last rotation, valid until previous_expires_at.
    previous_secret_hash  char(64),
    previous_expires_at   timestamptz,
    last_used_at          timestamptz,
    created_by            uuid         REFERENCES app_user (id),
    created_at            timestamptz  NOT NULL,
    updated_at            timestamptz  NOT NULL,
    version               bigint       NOT NULL,
    CONSTRAINT service_account_client_id_unique UNIQUE (client_id),
    CONSTRAINT service_account_previous_together
        CHECK ((previous_secret_hash IS NULL) = (previous_expires_at IS NULL))
);
CREATE INDEX service_account_created ON service_account (created_at DESC);
