package jobs

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"registrar/workflows"
)

// Outcome is how one claimed job ended, as the queue records it.
type Outcome struct {
	Job
	State      workflows.JobState // JobDone, JobQueued (retry at RunAt) or JobFailed (parked)
	ExternalID string             // done: kept for the next run of the key
	RunAt      time.Time          // retry: when
	LastError  string             // retry or parked: shown to organizers
}

// record writes the outcomes of a batch and the handler's commit in one
// transaction. When that fails it records job by job, so that one job whose
// write fails (its email erased meanwhile) is retried or parked alone, as if
// its handler had returned the error, and the others are done.
func (r *Runner) record(ctx context.Context, w worker, jobs []Job, b workflows.JobBatch) error {
	now := r.clock.Now()
	outs := make([]Outcome, len(jobs))
	var done []int
	for i, j := range jobs {
		res := workflows.JobResult{Err: errors.New("handler returned no result")}
		if i < len(b.Results) {
			res = b.Results[i]
		}
		outs[i] = r.outcome(w, j, res, now)
		if outs[i].State == workflows.JobDone {
			done = append(done, i)
		}
	}
	err := r.queue.Record(ctx, outs, commitOf(b.Commit, done), now)
	if err == nil {
		r.report(outs, now)
		return nil
	}
	if len(outs) == 1 && b.Commit == nil || ctx.Err() != nil {
		return err
	}
	r.log.Warn("recording a batch of jobs failed, recording them one by one", "job_kind", w.kind, "jobs", len(outs), "err", err)
	var firstErr error
	for i := range outs {
		var commit func(context.Context, workflows.Tx) error
		if outs[i].State == workflows.JobDone {
			commit = commitOf(b.Commit, []int{i})
		}
		err := r.queue.Record(ctx, outs[i:i+1], commit, now)
		if err != nil && commit != nil {
			outs[i] = r.outcome(w, jobs[i], workflows.JobResult{Err: fmt.Errorf("record: %w", err)}, now)
			err = r.queue.Record(ctx, outs[i:i+1], nil, now)
		}
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		r.report(outs[i:i+1], now)
	}
	return firstErr
}

// commitOf is the handler's write for the done jobs, or nil when there is none.
func commitOf(commit func(context.Context, workflows.Tx, []int) error, done []int) func(context.Context, workflows.Tx) error {
	if commit == nil || len(done) == 0 {
		return nil
	}
	return func(ctx context.Context, tx workflows.Tx) error { return commit(ctx, tx, done) }
}

// outcome turns a handler's result into what to record: done, a retry after
// the backoff (a vendor's Retry-After as its floor) when the failure may
// pass, or parked for good.
func (r *Runner) outcome(w worker, j Job, res workflows.JobResult, now time.Time) Outcome {
	o := Outcome{Job: j, State: workflows.JobDone, ExternalID: res.ExternalID}
	if res.Err == nil {
		return o
	}
	o.LastError = res.Err.Error()
	if kind := workflows.KindOf(res.Err); kind == workflows.Unavailable || kind == workflows.Internal {
		wait := Backoff(j.Failures+1, w.backoffBase, w.backoffLimit, rand.Float64(), workflows.RetryAfterOf(res.Err))
		o.State, o.RunAt = workflows.JobQueued, now.Add(wait)
		return o
	}
	o.State = workflows.JobFailed
	return o
}

// report counts and logs recorded outcomes.
func (r *Runner) report(outs []Outcome, now time.Time) {
	for _, o := range outs {
		switch o.State {
		case workflows.JobDone:
			r.metrics.observe(o.Kind, "done")
		case workflows.JobQueued:
			r.metrics.observe(o.Kind, "retry")
			r.log.Warn("job failed, will retry", "job_kind", o.Kind, "job_key", o.Key, "attempt", o.Attempt,
				"retry_in", o.RunAt.Sub(now).Round(time.Millisecond), "err", o.LastError)
		default:
			r.metrics.observe(o.Kind, "failed")
			r.log.Error("job failed for good, parked", "job_kind", o.Kind, "job_key", o.Key, "attempt", o.Attempt, "err", o.LastError)
		}
	}
}
