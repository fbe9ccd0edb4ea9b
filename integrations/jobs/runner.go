// Package jobs drains the outbox: for each job kind a worker claims due rows
// under a lease, hands them to the workflows handler and records the outcome.
// A worker that dies leaves its lease to run out, and the row is claimed again.
package jobs

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"registrar/workflows"
)

// Queue is the outbox as the runner sees it; sqlstore implements it.
type Queue interface {
	// Claim leases up to limit due jobs of kind until now+lease.
	Claim(ctx context.Context, kind workflows.JobKind, limit int, now time.Time, lease time.Duration) ([]Job, error)
	// Record writes the outcomes of a batch, and commit (when not nil) with
	// them, in one transaction. A job enqueued again meanwhile stays queued;
	// a job whose lease was lost is left to the newer claim.
	Record(ctx context.Context, outcomes []Outcome, commit func(ctx context.Context, tx workflows.Tx) error, now time.Time) error
}

// Job is a claimed job: the queue hands it out under a lease and takes it
// back with the outcome. A lost lease (it ran out and the job was claimed
// again) makes the outcome a no-op: the newer claim owns it.
type Job struct {
	workflows.JobRef
	Version    int    // the job's version when claimed: enqueued again since, it stays queued
	Failures   int    // consecutive failures before this try, for the backoff
	LeaseToken string // proves the claim when recording
}

// Options tune the runner; zero values take the defaults.
type Options struct {
	Lease       time.Duration // how long a claim holds a job (default 30 s)
	Poll        time.Duration // wait between looks when nothing is due (default 1 s)
	BackoffBase time.Duration // first retry delay (default 2 s)
	BackoffMax  time.Duration // longest retry delay (default 60 s)
}

func (o Options) withDefaults() Options {
	if o.Lease <= 0 {
		o.Lease = 30 * time.Second
	}
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	if o.BackoffBase <= 0 {
		o.BackoffBase = 2 * time.Second
	}
	if o.BackoffMax <= 0 {
		o.BackoffMax = 60 * time.Second
	}
	return o
}

type worker struct {
	kind         workflows.JobKind
	handler      workflows.BatchJobHandler
	batch        int
	backoffBase  time.Duration
	backoffLimit time.Duration
	concurrency  int
}

// WorkerOption adjusts one kind's worker.
type WorkerOption func(*worker)

// WithConcurrency runs n loops for the kind, so one request hanging until
// its timeout does not hold up every other job of the kind. Leases keep the
// loops from taking the same job.
func WithConcurrency(n int) WorkerOption {
	return func(w *worker) { w.concurrency = max(1, n) }
}

// WithBackoff sets the kind's retry delays, for vendors that need longer to
// settle than the runner's defaults.
func WithBackoff(base, limit time.Duration) WorkerOption {
	return func(w *worker) { w.backoffBase, w.backoffLimit = base, limit }
}

// Runner runs one worker per registered job kind.
type Runner struct {
	queue   Queue
	clock   workflows.Clock
	log     *slog.Logger
	opts    Options
	metrics *Metrics
	workers []worker

	stopOnce sync.Once
	stop     chan struct{} // closed by Shutdown: stop claiming
	done     chan struct{} // closed when Run has returned
}

// New returns a runner; register handlers before calling Run.
func New(q Queue, clock workflows.Clock, log *slog.Logger, metrics *Metrics, opts Options) *Runner {
	return &Runner{queue: q, clock: clock, log: log, opts: opts.withDefaults(), metrics: metrics,
		stop: make(chan struct{}), done: make(chan struct{})}
}

// Register adds the handler for kind, which gets up to batch jobs at a time.
func (r *Runner) Register(kind workflows.JobKind, batch int, h workflows.JobHandler, opts ...WorkerOption) {
	r.RegisterBatch(kind, batch, func(ctx context.Context, jobs []workflows.JobRef) workflows.JobBatch {
		return workflows.JobBatch{Results: h(ctx, jobs)}
	}, opts...)
}

// RegisterBatch adds a handler whose batch comes with a write that commits
// with the jobs' outcomes.
func (r *Runner) RegisterBatch(kind workflows.JobKind, batch int, h workflows.BatchJobHandler, opts ...WorkerOption) {
	w := worker{kind: kind, handler: h, batch: max(1, batch), backoffBase: r.opts.BackoffBase, backoffLimit: r.opts.BackoffMax, concurrency: 1}
	for _, o := range opts {
		o(&w)
	}
	r.workers = append(r.workers, w)
}

// Run works until ctx is cancelled (abruptly: work in flight is abandoned and
// its leases run out) or Shutdown is called (gently: batches in flight finish).
func (r *Runner) Run(ctx context.Context) {
	defer close(r.done)
	var wg sync.WaitGroup
	for _, w := range r.workers {
		for range w.concurrency {
			wg.Go(func() { r.loop(ctx, w) })
		}
	}
	wg.Wait()
}

// Shutdown stops claiming and waits for batches in flight, or for ctx.
func (r *Runner) Shutdown(ctx context.Context) error {
	r.stopOnce.Do(func() { close(r.stop) })
	select {
	case <-r.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (r *Runner) loop(ctx context.Context, w worker) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.stop:
			return
		case <-timer.C:
		}
		n, err := r.RunOnce(ctx, w.kind)
		if err != nil && ctx.Err() == nil {
			r.log.Error("job runner", "job_kind", w.kind, "err", err)
		}
		if n == 0 || err != nil {
			timer.Reset(r.opts.Poll)
		} else {
			timer.Reset(0) // more may be due: look again at once
		}
	}
}

// RunOnce claims one batch of due jobs of kind, runs it and records the
// outcomes. It returns how many jobs it ran.
func (r *Runner) RunOnce(ctx context.Context, kind workflows.JobKind) (int, error) {
	w, ok := r.worker(kind)
	if !ok {
		return 0, errors.New("no handler for job kind " + string(kind))
	}
	jobs, err := r.queue.Claim(ctx, kind, w.batch, r.clock.Now(), r.opts.Lease)
	if err != nil || len(jobs) == 0 {
		return 0, err
	}
	refs := make([]workflows.JobRef, len(jobs))
	for i, j := range jobs {
		refs[i] = j.JobRef
	}
	// The handler gets a deadline inside the lease, so a live worker never
	// outlasts its claim.
	hctx, cancel := context.WithTimeout(ctx, r.opts.Lease*4/5)
	b := w.handler(hctx, refs)
	cancel()
	if ctx.Err() != nil {
		return 0, ctx.Err() // the worker died: record nothing, the leases will expire
	}
	return len(jobs), r.record(ctx, w, jobs, b)
}

func (r *Runner) worker(kind workflows.JobKind) (worker, bool) {
	for _, w := range r.workers {
		if w.kind == kind {
			return w, true
		}
	}
	return worker{}, false
}
