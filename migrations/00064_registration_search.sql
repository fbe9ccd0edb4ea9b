-- Search and sort text kept beside each registration (issue 8): its person's
-- name, email and company and its project(s), lower-cased with diacritics
-- stripped in Go (sqlstore/fold.go), so search is case- and accent-insensitive
-- on SQLite and PostgreSQL alike; and the folded name, to sort by. sqlstore
-- writes both with the registration and again when the person's details
-- change; migration 00065 (Go, sqlstore/migrate_go.go) fills existing rows.

-- +goose Up
ALTER TABLE registrations ADD COLUMN search TEXT NOT NULL DEFAULT '';
ALTER TABLE registrations ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
-- The admin list sorted by name: keyset pages walk this index.
CREATE INDEX registrations_event_name ON registrations (event_id, sort_name, id);

-- +goose Down
DROP INDEX registrations_event_name;
ALTER TABLE registrations DROP COLUMN sort_name;
ALTER TABLE registrations DROP COLUMN search;
