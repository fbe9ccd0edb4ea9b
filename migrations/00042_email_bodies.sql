-- An email's bodies live in a table of their own until the provider takes
-- the email, then the row goes. Kept in outbound_emails, a few KB per email
-- were blanked in place, leaving its pages three-quarters empty for good;
-- now the record stays small and dense, and the freed body pages are reused.
-- registrations_queue (00041) starts with the columns of
-- registrations_event_role_status, which goes.

-- +goose Up
CREATE TABLE email_bodies (
    email_id  TEXT PRIMARY KEY REFERENCES outbound_emails(id) ON DELETE CASCADE,
    html_body TEXT NOT NULL,
    text_body TEXT NOT NULL
);
INSERT INTO email_bodies (email_id, html_body, text_body)
    SELECT id, html_body, text_body FROM outbound_emails WHERE html_body <> '' OR text_body <> '';
ALTER TABLE outbound_emails DROP COLUMN html_body;
ALTER TABLE outbound_emails DROP COLUMN text_body;
DROP INDEX registrations_event_role_status;

-- +goose Down
CREATE INDEX registrations_event_role_status ON registrations (event_id, role, status);
ALTER TABLE outbound_emails ADD COLUMN html_body TEXT NOT NULL DEFAULT '';
ALTER TABLE outbound_emails ADD COLUMN text_body TEXT NOT NULL DEFAULT '';
UPDATE outbound_emails SET html_body = COALESCE((SELECT b.html_body FROM email_bodies b WHERE b.email_id = outbound_emails.id), ''),
    text_body = COALESCE((SELECT b.text_body FROM email_bodies b WHERE b.email_id = outbound_emails.id), '');
DROP TABLE email_bodies;
