-- Reminder rules, send rows, batches, email preferences, unsubscribe tokens
-- and organizers' messages (issue 11). One set for SQLite and PostgreSQL.

-- +goose Up
-- One rule of each kind per event (workflows.DefaultRules), editable by organizers.
CREATE TABLE reminder_rules (
    id           TEXT PRIMARY KEY,
    event_id     TEXT NOT NULL REFERENCES events(id),
    kind         TEXT NOT NULL,
    paused       BOOLEAN NOT NULL DEFAULT FALSE,
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,
    offset_days  INTEGER NOT NULL DEFAULT 0,
    offset_hours INTEGER NOT NULL DEFAULT 0,
    at_minute    INTEGER NOT NULL DEFAULT 0,
    weekday      INTEGER NOT NULL DEFAULT 0,
    updated_at   BIGINT NOT NULL,
    UNIQUE (event_id, kind)
);

-- One batch is one Mailgun call: up to 1,000 sends of one rule (or message)
-- sharing a body with %recipient.…% placeholders. provider_id is Mailgun's
-- message ID once accepted.
CREATE TABLE send_batches (
    id          TEXT PRIMARY KEY,
    event_id    TEXT NOT NULL,
    source_id   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    category    TEXT NOT NULL,
    subject     TEXT NOT NULL,
    html_body   TEXT NOT NULL,
    text_body   TEXT NOT NULL,
    state       TEXT NOT NULL,
    provider_id TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    sent_at     BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX send_batches_source ON send_batches (source_id);

-- One row per (rule or message, person, period): the unique key is what
-- makes two passes or two instances send once.
CREATE TABLE sends (
    id              TEXT PRIMARY KEY,
    source_id       TEXT NOT NULL,
    event_id        TEXT NOT NULL,
    person_id       TEXT NOT NULL REFERENCES people(id),
    registration_id TEXT NOT NULL DEFAULT '',
    period          TEXT NOT NULL,
    state           TEXT NOT NULL,
    due_at          BIGINT NOT NULL,
    batch_id        TEXT NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    UNIQUE (source_id, person_id, period)
);
CREATE INDEX sends_batch ON sends (batch_id);
CREATE INDEX sends_person ON sends (person_id);

-- A person's "stop" for one category, for every event.
CREATE TABLE email_preferences (
    person_id    TEXT NOT NULL REFERENCES people(id),
    category     TEXT NOT NULL,
    unsubscribed BOOLEAN NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (person_id, category)
);

-- Unsubscribe links, one per recipient of each batch, stored hashed.
CREATE TABLE unsubscribe_tokens (
    hash       TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people(id),
    category   TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX unsubscribe_tokens_person ON unsubscribe_tokens (person_id);

-- An organizer's message to a cohort: previewed, then sent to exactly the
-- audience whose hash the preview showed.
CREATE TABLE messages (
    id            TEXT PRIMARY KEY,
    event_id      TEXT NOT NULL REFERENCES events(id),
    author_id     TEXT NOT NULL,
    roles         TEXT NOT NULL,
    statuses      TEXT NOT NULL,
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    audience_hash TEXT NOT NULL,
    recipients    INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    sent_at       BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX messages_event ON messages (event_id);

-- +goose Down
DROP TABLE messages;
DROP TABLE unsubscribe_tokens;
DROP TABLE email_preferences;
DROP TABLE sends;
DROP TABLE send_batches;
DROP TABLE reminder_rules;
