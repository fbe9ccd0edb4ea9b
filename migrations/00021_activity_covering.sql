-- The progress board's reads of the activity log (issue 10's speed target):
-- each student's latest activity and the weekly chart's counts, read from
-- the index alone instead of a table row per activity line. Replaces
-- activity_event_week, its prefix. Checked with EXPLAIN in
-- integrations/sqlstore/indexes_test.go.

-- +goose Up
CREATE INDEX activity_event_covering ON activity (event_id, week, kind, registration_id, at);
DROP INDEX activity_event_week;

-- +goose Down
CREATE INDEX activity_event_week ON activity (event_id, week);
DROP INDEX activity_event_covering;
