-- When a registration's address was confirmed, kept on the registration
-- (it was the latest use of its confirmation links): the waitlist is ordered
-- by it, and computing it per row from tokens made a page of the admin list
-- cost a lookup per waitlisted registration.

-- +goose Up
ALTER TABLE registrations ADD COLUMN confirmed_at BIGINT NOT NULL DEFAULT 0;
UPDATE registrations SET confirmed_at = COALESCE((SELECT MAX(t.used_at) FROM tokens t
    WHERE t.registration_id = registrations.id AND t.purpose = 'confirm' AND t.used_at > 0), 0);
-- The waitlist in order, read from the index alone.
CREATE INDEX registrations_queue ON registrations (event_id, role, status, confirmed_at, updated_at, created_at, id);

-- +goose Down
DROP INDEX registrations_queue;
ALTER TABLE registrations DROP COLUMN confirmed_at;
