-- The audit log's order within one moment: the lines one action writes in
-- one transaction share created_at, so seq (one more than the largest so
-- far) keeps them in the order they happened.

-- +goose Up
ALTER TABLE audit_log ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX audit_log_seq ON audit_log (seq);

-- +goose Down
DROP INDEX audit_log_seq;
ALTER TABLE audit_log DROP COLUMN seq;
