-- Access tokens issued before this moment are refused (sign-out, deactivation, role, unit or
-- password change): a stateless token cannot otherwise be taken back before it expires.
ALTER TABLE app_user ADD COLUMN tokens_valid_after timestamptz;

-- Failed sign-ins per account and client address. Five from one address lock that address out;
-- the owner signing in from elsewhere is not locked by someone guessing. app_user.failed_logins
-- and locked_until now count failures from every address together, with a higher threshold.
ALTER TABLE app_user ADD COLUMN last_failed_login_at timestamptz;
CREATE TABLE sign_in_failure (
    user_id          uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    source           varchar(64) NOT NULL,
    failures         int         NOT NULL,
    last_failure_at  timestamptz NOT NULL,
    locked_until     timestamptz,
    PRIMARY KEY (user_id, source)
);
CREATE INDEX sign_in_failure_last ON sign_in_failure (last_failure_at);
