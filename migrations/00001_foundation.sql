-- +goose Up
CREATE TABLE events (
    id               TEXT PRIMARY KEY,
    slug             TEXT NOT NULL UNIQUE,
    title            TEXT NOT NULL,
    location         TEXT NOT NULL DEFAULT '',
    timezone         TEXT NOT NULL DEFAULT 'UTC',
    starts_on        TEXT NOT NULL,
    ends_on          TEXT NOT NULL,
    student_capacity INTEGER NOT NULL,
    mentor_capacity  INTEGER NOT NULL,
    opens_at         BIGINT NOT NULL DEFAULT 0,
    closes_at        BIGINT NOT NULL DEFAULT 0,
    closed           BOOLEAN NOT NULL DEFAULT FALSE,
    created_at       BIGINT NOT NULL
);

CREATE TABLE people (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL DEFAULT '',
    company       TEXT NOT NULL DEFAULT '',
    irc           TEXT NOT NULL DEFAULT '',
    timezone      TEXT NOT NULL DEFAULT 'UTC',
    organizer     BOOLEAN NOT NULL DEFAULT FALSE,
    undeliverable BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT NOT NULL
);

CREATE TABLE registrations (
    id          TEXT PRIMARY KEY,
    event_id    TEXT NOT NULL REFERENCES events(id),
    person_id   TEXT NOT NULL REFERENCES people(id),
    role        TEXT NOT NULL,
    status      TEXT NOT NULL,
    answers     TEXT NOT NULL DEFAULT '{}',
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (event_id, person_id)
);
CREATE INDEX registrations_event_role_status ON registrations (event_id, role, status);

CREATE TABLE tokens (
    hash            TEXT PRIMARY KEY,
    purpose         TEXT NOT NULL,
    person_id       TEXT NOT NULL REFERENCES people(id),
    registration_id TEXT REFERENCES registrations(id),
    expires_at      BIGINT NOT NULL,
    used_at         BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL
);

CREATE TABLE outbound_emails (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    person_id   TEXT REFERENCES people(id),
    to_addr     TEXT NOT NULL,
    subject     TEXT NOT NULL,
    html_body   TEXT NOT NULL,
    text_body   TEXT NOT NULL,
    status      TEXT NOT NULL,
    provider_id TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    sent_at     BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX outbound_emails_person ON outbound_emails (person_id);

-- The outbox: one row per pending external effect. version grows with every
-- enqueue, so a change made while a worker holds the row is not lost when
-- that worker finishes an older version.
CREATE TABLE jobs (
    kind        TEXT NOT NULL,
    job_key     TEXT NOT NULL,
    state       TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    attempts    INTEGER NOT NULL DEFAULT 0,
    run_at      BIGINT NOT NULL,
    lease_until BIGINT NOT NULL DEFAULT 0,
    lease_token TEXT NOT NULL DEFAULT '',
    last_error  TEXT NOT NULL DEFAULT '',
    external_id TEXT NOT NULL DEFAULT '',
    failures    INTEGER NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (kind, job_key)
);
CREATE INDEX jobs_due ON jobs (state, run_at);

-- Where email goes while Mailgun is not configured.
CREATE TABLE dev_mailbox (
    email_id   TEXT PRIMARY KEY,
    to_addr    TEXT NOT NULL,
    subject    TEXT NOT NULL,
    kind       TEXT NOT NULL DEFAULT '',
    html_body  TEXT NOT NULL,
    text_body  TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE dev_mailbox;
DROP TABLE jobs;
DROP TABLE outbound_emails;
DROP TABLE tokens;
DROP TABLE registrations;
DROP TABLE people;
DROP TABLE events;
