-- Every email queues a job and deletes it once sent, so each index of jobs
-- costs every sign-up an insert and a delete (issue 13). Two now hold only
-- the rows that their readers look for, which an email's job seldom is:
-- * the organizers' list of problem jobs reads failing and parked ones,
--   newest first, instead of every job by state;
-- * a Trello webhook finds its card's job by the card's ID, which only jobs
--   that made a card have.
-- Their queries name the predicates literally, so both planners can use them.

-- +goose Up
DROP INDEX jobs_due;
CREATE INDEX jobs_problems ON jobs (updated_at) WHERE failures > 0 OR state = 'failed';
DROP INDEX jobs_external;
CREATE INDEX jobs_external ON jobs (kind, external_id) WHERE external_id <> '';

-- +goose Down
DROP INDEX jobs_external;
CREATE INDEX jobs_external ON jobs (kind, external_id);
DROP INDEX jobs_problems;
CREATE INDEX jobs_due ON jobs (state, run_at);
