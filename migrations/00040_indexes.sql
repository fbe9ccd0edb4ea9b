-- Indexes the queries need (issue 13), each checked with EXPLAIN in
-- integrations/sqlstore/indexes_test.go.

-- +goose Up
-- A person's registrations: /me, /mentor, the person page, erasure.
CREATE INDEX registrations_person ON registrations (person_id);
-- An event's registrations in sign-up order: the admin list's pages (keyset).
CREATE INDEX registrations_event_created ON registrations (event_id, created_at, id);
-- The runner's claim: due jobs of one kind, oldest first.
CREATE INDEX jobs_kind_due ON jobs (kind, state, run_at);
-- Jobs by key alone: a person's sync status, erasure.
CREATE INDEX jobs_key ON jobs (job_key);
-- Tokens by registration (confirmation time in lists) and by person
-- (erasure), and by expiry for the pruning pass.
CREATE INDEX tokens_registration ON tokens (registration_id);
CREATE INDEX tokens_person ON tokens (person_id);
CREATE INDEX tokens_expires ON tokens (expires_at);
-- Emails by address: erasure, the person page.
CREATE INDEX outbound_emails_to ON outbound_emails (to_addr);

-- +goose Down
DROP INDEX outbound_emails_to;
DROP INDEX tokens_expires;
DROP INDEX tokens_person;
DROP INDEX tokens_registration;
DROP INDEX jobs_key;
DROP INDEX jobs_kind_due;
DROP INDEX registrations_event_created;
DROP INDEX registrations_person;
