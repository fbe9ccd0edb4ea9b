-- Sign-in, sessions, the audit log and erasure (issue 5). One set for SQLite
-- and PostgreSQL: TEXT ids, BIGINT Unix-microsecond times.

-- +goose Up
-- A browser session (scs) keyed by the SHA-256 of its cookie token; data is
-- the encoded session, base64, which only ever holds a sign-in ID.
CREATE TABLE sessions (
    token      TEXT PRIMARY KEY,
    data       TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- One use of a sign-in link. Sessions name a sign-in, never a person, so
-- deleting a person's sign-ins ends all their sessions.
CREATE TABLE sign_ins (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX sign_ins_person ON sign_ins (person_id);
CREATE INDEX sign_ins_created ON sign_ins (created_at);

-- Every organizer action: who (actor_id), what (action, detail), when.
-- No foreign keys: the log outlives what it talks about.
CREATE TABLE audit_log (
    id              TEXT PRIMARY KEY,
    created_at      BIGINT NOT NULL,
    actor_id        TEXT NOT NULL DEFAULT '',
    action          TEXT NOT NULL,
    event_id        TEXT NOT NULL DEFAULT '',
    person_id       TEXT NOT NULL DEFAULT '',
    registration_id TEXT NOT NULL DEFAULT '',
    detail          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_created ON audit_log (created_at);
CREATE INDEX audit_log_person ON audit_log (person_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id);

-- What is left of an erased registration: where its copies live, so the
-- sheets.erase and trello.erase jobs (keyed by registration_id) can delete them.
CREATE TABLE erasures (
    registration_id TEXT PRIMARY KEY,
    event_id        TEXT NOT NULL,
    role            TEXT NOT NULL,
    card_id         TEXT NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL
);

ALTER TABLE registrations ADD COLUMN withdraw_reason TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE registrations DROP COLUMN withdraw_reason;
DROP TABLE erasures;
DROP TABLE audit_log;
DROP TABLE sign_ins;
DROP TABLE sessions;
