package workflows

import "context"

// JobKind names a kind of outbox job. The payload of every job is its key
// (an ID); handlers read current state, so a late job still does the right thing.
type JobKind string

const (
	JobSendEmail  JobKind = "mail.send"   // key: email ID
	JobSheetRow   JobKind = "sheets.row"  // key: registration ID
	JobTrelloCard JobKind = "trello.card" // key: registration ID
)

// JobRef is a claimed job handed to a handler.
type JobRef struct {
	Kind JobKind
	Key  string
	// Attempt counts every try of this key ever made, 1 on the first. Above 1
	// an earlier try may have reached the vendor, so look before creating.
	Attempt int
	// ExternalID is what an earlier success recorded (a Trello card ID).
	ExternalID string
}

// JobResult is a handler's outcome for one job: Err nil means done, and
// ExternalID, when set, is kept for the next run of the same key.
type JobResult struct {
	ExternalID string
	Err        error
}

// JobHandler does the work of claimed jobs of one kind, one result per job in
// the same order. Batching handlers use one vendor call for many jobs.
type JobHandler func(ctx context.Context, jobs []JobRef) []JobResult

// JobBatch is a batch handler's answer: one result per job, in order, and
// the write that records what the done ones did.
type JobBatch struct {
	Results []JobResult
	// Commit, when set, runs in the transaction that records the jobs'
	// outcomes, so the two commit together and a batch costs one write (the
	// emails sent marked sent, their jobs done). done holds the indexes of
	// the jobs recorded done in that transaction: all of them at first, one
	// at a time when that failed, so that one job's failing write fails that
	// job alone, as if its handler had returned the error.
	Commit func(ctx context.Context, tx Tx, done []int) error
}

// BatchJobHandler does claimed jobs of one kind and returns their results
// with the write that goes with them.
type BatchJobHandler func(ctx context.Context, jobs []JobRef) JobBatch

// OneAtATime adapts a handler of a single job to a JobHandler.
func OneAtATime(fn func(ctx context.Context, job JobRef) (externalID string, err error)) JobHandler {
	return func(ctx context.Context, jobs []JobRef) []JobResult {
		out := make([]JobResult, len(jobs))
		for i, j := range jobs {
			out[i].ExternalID, out[i].Err = fn(ctx, j)
		}
		return out
	}
}
