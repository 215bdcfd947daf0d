-- The posting consumer (R16) reads the event log in commit order, (tx_id, seq) after its cursor.
CREATE INDEX domain_event_commit_order ON domain_event (tx_id, seq);
