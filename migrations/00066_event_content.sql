-- What an event's page says beyond its facts (issue 8, item 9). A table of
-- its own rather than columns of events: events are joined into many list
-- queries, which need none of these long texts.

-- +goose Up
CREATE TABLE event_contents (
    event_id        TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    description     TEXT NOT NULL DEFAULT '',
    agenda          TEXT NOT NULL DEFAULT '',
    venue           TEXT NOT NULL DEFAULT '',
    prerequisites   TEXT NOT NULL DEFAULT '',
    contact_email   TEXT NOT NULL DEFAULT '',
    code_of_conduct TEXT NOT NULL DEFAULT '',
    updated_at      BIGINT NOT NULL
);

-- +goose Down
DROP TABLE event_contents;
