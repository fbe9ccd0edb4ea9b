package main

// Waiting for the outbox to drain, with the reason when it does not.

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/workflows"
)

// pollFor calls cond every interval until it holds or timeout passes, and
// reports how long that took.
func pollFor(ctx context.Context, timeout, interval time.Duration, cond func() bool) (time.Duration, bool) {
	start := time.Now()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		if cond() {
			return time.Since(start), true
		}
		select {
		case <-ctx.Done():
			return time.Since(start), false
		case <-deadline.C:
			return time.Since(start), cond()
		case <-tick.C:
		}
	}
}

// pollUntil is pollFor that fails the test on timeout, saying what it was
// waiting for and where things stood.
func pollUntil(tb testing.TB, what string, timeout time.Duration, cond func() (bool, string)) time.Duration {
	tb.Helper()
	var status string
	took, ok := pollFor(tb.Context(), timeout, 50*time.Millisecond, func() bool {
		var done bool
		done, status = cond()
		return done
	})
	if !ok {
		tb.Fatalf("gave up after %s waiting for %s: %s", timeout, what, status)
	}
	return took
}

// waitForSync waits until the outbox holds no queued job (due, leased or
// backing off) and fails the test at once if a job is parked.
func waitForSync(tb testing.TB, db *sqlstore.DB, timeout time.Duration) time.Duration {
	tb.Helper()
	return pollUntil(tb, "the outbox to drain", timeout, func() (bool, string) {
		stats, err := db.Stats(tb.Context(), time.Now())
		if err != nil {
			tb.Fatalf("outbox stats: %v", err)
		}
		queued := 0
		var parts []string
		for _, s := range stats {
			if s.Failed > 0 {
				var problems []string
				_ = db.InTx(tb.Context(), func(tx workflows.Tx) error {
					jobs, err := tx.Jobs.ProblemJobs(tb.Context(), 5)
					for _, j := range jobs {
						problems = append(problems, fmt.Sprintf("%s %s: %s", j.Kind, j.Key, j.LastError))
					}
					return err
				})
				tb.Fatalf("%d %s jobs parked as failed for good: %s", s.Failed, s.Kind, strings.Join(problems, "; "))
			}
			queued += s.Due + s.Waiting
			parts = append(parts, fmt.Sprintf("%s: %d due (%d leased), %d backing off", s.Kind, s.Due, s.InFlight, s.Waiting))
		}
		return queued == 0, strings.Join(parts, "; ")
	})
}
