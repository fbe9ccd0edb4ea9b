package sqlstoretest

import (
	"context"
	"time"

	"registrar/integrations/jobs"
	"registrar/integrations/sqlstore"
	"registrar/workflows"
)

// CompleteJob, RetryJob and ParkJob record one claimed job's outcome as the
// runner does (sqlstore.DB.Record), for tests that play the worker.
func CompleteJob(ctx context.Context, db *sqlstore.DB, j jobs.Job, externalID string, now time.Time) error {
	return db.Record(ctx, []jobs.Outcome{{Job: j, State: workflows.JobDone, ExternalID: externalID}}, nil, now)
}

func RetryJob(ctx context.Context, db *sqlstore.DB, j jobs.Job, runAt time.Time, lastError string, now time.Time) error {
	return db.Record(ctx, []jobs.Outcome{{Job: j, State: workflows.JobQueued, RunAt: runAt, LastError: lastError}}, nil, now)
}

func ParkJob(ctx context.Context, db *sqlstore.DB, j jobs.Job, lastError string, now time.Time) error {
	return db.Record(ctx, []jobs.Outcome{{Job: j, State: workflows.JobFailed, LastError: lastError}}, nil, now)
}
