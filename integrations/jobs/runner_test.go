package jobs_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"registrar/integrations/jobs"
	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

type rig struct {
	db     *sqlstore.DB
	clock  *workflowstest.Clock
	mailer *workflowstest.Mailer
}

func newRig(t testing.TB, db *sqlstore.DB) *rig {
	t.Helper()
	return &rig{db: db, clock: workflowstest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)), mailer: workflowstest.NewMailer()}
}

// runner returns a new worker process's runner over the same database.
func (r *rig) runner() *jobs.Runner {
	run := jobs.New(r.db, r.clock, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, jobs.Options{Lease: 30 * time.Second})
	d := &workflows.Delivery{Store: r.db, Mailer: r.mailer, Clock: r.clock}
	run.RegisterBatch(workflows.JobSendEmail, 32, d.SendAll)
	return run
}

func (r *rig) queueEmail(t testing.TB) string {
	t.Helper()
	id := workflows.NewID()
	err := r.db.InTx(t.Context(), func(tx workflows.Tx) error {
		return tx.Emails.QueueEmail(t.Context(), workflows.Email{ID: id, Kind: workflows.EmailConfirmSignup, To: "ada@example.org",
			Subject: "Hello", HTML: "<p>Hi</p>", Text: "Hi", Status: workflows.EmailQueued, Created: r.clock.Now()})
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func runOnce(t *testing.T, run *jobs.Runner) int {
	t.Helper()
	n, err := run.RunOnce(t.Context(), workflows.JobSendEmail)
	if err != nil {
		t.Fatalf("run once: %v", err)
	}
	return n
}

func TestFailedSendIsRetriedAndDeliveredOnce(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		r := newRig(t, db)
		id := r.queueEmail(t)
		failures := 1
		r.mailer.Fail = func(workflows.Message) error {
			if failures > 0 {
				failures--
				return workflows.E(workflows.Unavailable, "provider down")
			}
			return nil
		}
		run := r.runner()
		if n := runOnce(t, run); n != 1 || r.mailer.Deliveries(id) != 0 {
			t.Fatalf("first try ran %d, delivered %d; want 1 run, 0 delivered", n, r.mailer.Deliveries(id))
		}
		if n := runOnce(t, run); n != 0 {
			t.Fatalf("ran %d during backoff, want 0", n)
		}
		r.clock.Advance(time.Minute) // past the longest backoff
		runOnce(t, run)
		runOnce(t, run)
		if got := r.mailer.Deliveries(id); got != 1 {
			t.Fatalf("delivered %d times, want 1", got)
		}
		sent := r.mailer.Sent()
		if !sent[0].MaybeSent {
			t.Errorf("second attempt did not tell the mailer it may have sent already")
		}
		email, _ := sqlstoretest.EmailsTo(t.Context(), db, "ada@example.org")
		if email[0].Status != workflows.EmailSent || email[0].ProviderID != "fake-"+id {
			t.Errorf("email after delivery = %+v, want sent with the provider ID", email[0])
		}
	})
}

func TestJobOfDeadWorkerIsSentOnceAfterLeaseExpires(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		r := newRig(t, db)
		id := r.queueEmail(t)
		r.mailer.SetBlock(true)

		// Worker one claims the job and dies mid-send: its context is
		// cancelled and it records nothing.
		ctx, kill := context.WithCancel(t.Context())
		dead := make(chan error, 1)
		go func() {
			_, err := r.runner().RunOnce(ctx, workflows.JobSendEmail)
			dead <- err
		}()
		waitFor(t, func() bool { s := stats(t, r); return s.InFlight == 1 })
		kill()
		if err := <-dead; !errors.Is(err, context.Canceled) {
			t.Fatalf("dead worker returned %v, want context.Canceled", err)
		}
		r.mailer.SetBlock(false)

		// A new worker cannot take it while the lease holds…
		second := r.runner()
		if n := runOnce(t, second); n != 0 {
			t.Fatalf("new worker ran %d jobs under a live lease, want 0", n)
		}
		// …and takes it once the lease has run out.
		r.clock.Advance(31 * time.Second)
		if n := runOnce(t, second); n != 1 {
			t.Fatalf("new worker ran %d jobs after the lease expired, want 1", n)
		}
		r.clock.Advance(time.Hour)
		runOnce(t, second)
		if got := r.mailer.Deliveries(id); got != 1 {
			t.Fatalf("delivered %d times, want exactly 1", got)
		}
	})
}

func TestPermanentFailureIsParkedUntilRetriedByHand(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		r := newRig(t, db)
		id := r.queueEmail(t)
		r.mailer.Fail = func(workflows.Message) error { return workflows.E(workflows.Forbidden, "bad API key") }
		run := r.runner()
		runOnce(t, run)
		r.clock.Advance(time.Hour)
		if n := runOnce(t, run); n != 0 {
			t.Fatalf("parked job ran again on its own")
		}
		if s := stats(t, r); s.Failed != 1 {
			t.Fatalf("stats = %+v, want one failed job", s)
		}
		r.mailer.Fail = nil
		if err := sqlstoretest.RetryNow(t.Context(), r.db, workflows.JobSendEmail, id, r.clock.Now()); err != nil {
			t.Fatal(err)
		}
		runOnce(t, run)
		if got := r.mailer.Deliveries(id); got != 1 {
			t.Fatalf("delivered %d times after retry by hand, want 1", got)
		}
	})
}

func TestBackoff(t *testing.T) {
	base, limit := 2*time.Second, time.Minute
	tests := []struct {
		failures   int
		rnd        float64
		retryAfter time.Duration
		want       time.Duration
	}{
		{1, 0, 0, time.Second},
		{1, 0.999999, 0, 2 * time.Second},
		{3, 0, 0, 4 * time.Second},
		{10, 1, 0, limit},
		{100, 0, 0, limit / 2},
		{1, 0, 90 * time.Second, 90 * time.Second},
	}
	for _, tt := range tests {
		got := jobs.Backoff(tt.failures, base, limit, tt.rnd, tt.retryAfter).Round(time.Millisecond)
		if got != tt.want {
			t.Errorf("Backoff(%d, rnd %.2f, retry-after %s) = %s, want %s", tt.failures, tt.rnd, tt.retryAfter, got, tt.want)
		}
	}
}

func stats(t *testing.T, r *rig) jobs.Stats {
	t.Helper()
	all, err := r.db.Stats(t.Context(), r.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.Kind == workflows.JobSendEmail {
			return s
		}
	}
	return jobs.Stats{}
}

// waitFor polls cond for up to ten seconds of real time.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestConcurrentWorkersKeepOneHangingSendFromBlockingTheRest(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		r := newRig(t, db)
		stuck := r.queueEmail(t)
		r.clock.Advance(time.Second) // claims go oldest first: the stuck one first
		other := r.queueEmail(t)
		release := make(chan struct{})
		r.mailer.Fail = func(m workflows.Message) error {
			if m.ID == stuck {
				<-release
			}
			return nil
		}
		run := jobs.New(r.db, r.clock, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, jobs.Options{Lease: time.Minute, Poll: 5 * time.Millisecond})
		d := &workflows.Delivery{Store: r.db, Mailer: r.mailer, Clock: r.clock}
		run.RegisterBatch(workflows.JobSendEmail, 32, d.SendAll, jobs.WithConcurrency(2))
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan struct{})
		go func() { run.Run(ctx); close(done) }()
		waitFor(t, func() bool { return r.mailer.Deliveries(other) == 1 })
		close(release)
		waitFor(t, func() bool { return r.mailer.Deliveries(stuck) == 1 })
		cancel()
		<-done
	})
}
