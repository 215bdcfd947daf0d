-- Accounts, refresh tokens and the tamper-evident audit trail (等保 8.1.4).

CREATE TABLE app_user (
    id                    uuid PRIMARY KEY,
    username              varchar(64)  NOT NULL,
    display_name          varchar(50)  NOT NULL,
    unit_id               uuid REFERENCES org_unit (id),
    roles                 varchar(300) NOT NULL,
    mobile                varchar(11),
    email                 varchar(254),
    password_hash         varchar(255) NOT NULL,
    must_change_password  boolean      NOT NULL,
    active                boolean      NOT NULL DEFAULT true,
    failed_logins         int          NOT NULL DEFAULT 0,
    locked_until          timestamptz,
    password_changed_at   timestamptz  NOT NULL,
    version               bigint       NOT NULL,
    created_at            timestamptz  NOT NULL,
    updated_at            timestamptz  NOT NULL,
    CONSTRAINT app_user_username_unique UNIQUE (username)
);
CREATE INDEX app_user_unit ON app_user (unit_id);

-- Opaque refresh tokens, stored as SHA-256 hashes. A family is one sign-in and its rotations.
CREATE TABLE refresh_token (
    id          uuid PRIMARY KEY,
    family_id   uuid        NOT NULL,
    user_id     uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    token_hash  char(64)    NOT NULL,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    rotated_at  timestamptz,
    revoked_at  timestamptz,
    CONSTRAINT refresh_token_hash_unique UNIQUE (token_hash)
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);
CREATE INDEX refresh_token_user ON refresh_token (user_id);

-- Append-only. Each row's hash covers its content and the previous row's hash.
CREATE TABLE audit_event (
    id              bigserial PRIMARY KEY,
    occurred_at     timestamptz  NOT NULL,
    actor           varchar(64)  NOT NULL,
    actor_roles     varchar(300) NOT NULL,
    unit_id         uuid,
    action          varchar(64)  NOT NULL,
    object_type     varchar(64),
    object_id       varchar(64),
    outcome         varchar(16)  NOT NULL,
    changes         text,
    detail          varchar(500),
    request_id      varchar(128),
    client_address  varchar(64),
    prev_hash       char(64)     NOT NULL,
    hash            char(64)     NOT NULL
);
CREATE INDEX audit_event_time ON audit_event (occurred_at);
CREATE INDEX audit_event_actor ON audit_event (actor, occurred_at);
CREATE INDEX audit_event_object ON audit_event (object_type, object_id);

-- Rows can neither be changed nor removed, except by the explicit, itself audited, pruning job,
-- which marks its own transaction.
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('supervision.audit_pruning', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
