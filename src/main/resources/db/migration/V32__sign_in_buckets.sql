-- Sign-in rate limits shared by every instance: one token bucket per key ('user:<name>' or
-- 'addr:<client address>'), refilled continuously at capacity per minute. An attempt takes a token
-- with one upsert that locks only its own rows (security/SignInBuckets), so N instances on one
-- database allow what one instance allows. A bucket untouched for a minute is full again: such rows
-- are deleted by a scheduled statement and simply re-created full.
-- UNLOGGED: no WAL for a counter that is touched on every attempt; after a database crash the
-- table comes back empty, which only forgives the attempts of the last minute.
CREATE UNLOGGED TABLE sign_in_bucket (
    key         text             PRIMARY KEY,
    capacity    int              NOT NULL,
    tokens      double precision NOT NULL,
    granted     boolean          NOT NULL,
    updated_at  timestamptz      NOT NULL
);
CREATE INDEX sign_in_bucket_updated ON sign_in_bucket (updated_at);
