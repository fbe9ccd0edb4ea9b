-- When a registration last joined the waitlist. The line is served in this
-- order, so a student an organizer moves to the waitlist goes to its end
-- instead of back to the front (ordering by confirmation time did that).
-- Registrations waiting today keep their place: the column is filled from the
-- order used until now (confirmation, else last change; then sign-up, id).

-- +goose Up
ALTER TABLE registrations ADD COLUMN waitlisted_at BIGINT NOT NULL DEFAULT 0;
UPDATE registrations SET waitlisted_at = CASE WHEN confirmed_at > 0 THEN confirmed_at ELSE updated_at END
    WHERE status = 'waitlisted';
-- The waitlist in order, read from the index alone.
DROP INDEX registrations_queue;
CREATE INDEX registrations_queue ON registrations (event_id, role, status, waitlisted_at, created_at, id);

-- +goose Down
DROP INDEX registrations_queue;
CREATE INDEX registrations_queue ON registrations (event_id, role, status, confirmed_at, updated_at, created_at, id);
ALTER TABLE registrations DROP COLUMN waitlisted_at;
