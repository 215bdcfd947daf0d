-- A version recorded by an approved adjustment is named "Adjustment approved: " and the request's
-- reason, which may itself take the contract's 500 characters.
ALTER TABLE key_task_version ALTER COLUMN reason TYPE varchar(600);
