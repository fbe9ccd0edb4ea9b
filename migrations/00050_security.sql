-- +goose Up
-- A spam complaint stops every email but those the person asks for
-- (sign-in links, sign-up confirmations); unsubscribed stops only reminders.
ALTER TABLE people ADD COLUMN complained BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE people DROP COLUMN complained;
