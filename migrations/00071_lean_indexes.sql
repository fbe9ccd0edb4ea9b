-- Fewer bytes per sign-up (issue 13: ≤ 1.5 KB at rest), each index weighed
-- against what reads it:
-- * the waitlist's order is read only for waitlisted registrations, so only
--   they are in registrations_queue (queries name the status literally, so
--   both planners can use the partial index);
-- * a search scans the event's registrations (registrations_event_created)
--   and their search text, not an index copy of that text;
-- * sorting by confirmation time is rare: it sorts the event's rows;
-- * a delivery report finds its email by our ID, which every email carries as
--   a Mailgun variable, not by the provider's ID.

-- +goose Up
DROP INDEX registrations_queue;
CREATE INDEX registrations_queue ON registrations (event_id, role, waitlisted_at, created_at, id) WHERE status = 'waitlisted';
DROP INDEX IF EXISTS registrations_event_search;
DROP INDEX IF EXISTS registrations_event_confirmed;
DROP INDEX outbound_emails_provider;

-- +goose Down
CREATE INDEX outbound_emails_provider ON outbound_emails (provider_id);
CREATE INDEX registrations_event_confirmed ON registrations (event_id, confirmed_at, id);
CREATE INDEX registrations_event_search ON registrations (event_id, search);
DROP INDEX registrations_queue;
CREATE INDEX registrations_queue ON registrations (event_id, role, status, waitlisted_at, created_at, id);
