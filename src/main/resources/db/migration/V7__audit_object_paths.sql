-- Refusals name the refused request ("POST /api/v1/tasks/{id}/adjustments/{id}/decision"), longer than 64.
ALTER TABLE audit_event ALTER COLUMN object_id TYPE varchar(300);
