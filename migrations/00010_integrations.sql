-- +goose Up
-- Webhook tokens already seen, so a captured webhook cannot be replayed.
-- Rows older than the freshness window are pruned: their timestamp alone
-- gets them rejected.
CREATE TABLE webhook_tokens (
    source  TEXT NOT NULL,
    token   TEXT NOT NULL,
    seen_at BIGINT NOT NULL,
    PRIMARY KEY (source, token)
);
ALTER TABLE people ADD COLUMN unsubscribed BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX outbound_emails_provider ON outbound_emails (provider_id);
CREATE INDEX jobs_external ON jobs (kind, external_id);

-- +goose Down
DROP INDEX jobs_external;
DROP INDEX outbound_emails_provider;
ALTER TABLE people DROP COLUMN unsubscribed;
DROP TABLE webhook_tokens;
