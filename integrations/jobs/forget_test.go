package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"registrar/integrations/jobs"
	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestSentEmailLeavesNoJobRow checks that a sent email's job row goes (its
// email record keeps the provider ID), while an email job enqueued again
// while it ran stays queued for the newer version.
func TestSentEmailLeavesNoJobRow(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		r := newRig(t, db)
		id := r.queueEmail(t)
		if n := runOnce(t, r.runner()); n != 1 {
			t.Fatalf("ran %d jobs, want 1", n)
		}
		if n, err := sqlstoretest.CountRows(t.Context(), db, "jobs"); err != nil || n != 0 {
			t.Fatalf("jobs = %d, %v; want none left", n, err)
		}
		emails, err := sqlstoretest.EmailsTo(t.Context(), db, "ada@example.org")
		if err != nil || len(emails) != 1 || emails[0].ID != id || emails[0].Status != workflows.EmailSent || emails[0].ProviderID == "" {
			t.Fatalf("emails = %+v, %v; want %s sent with its provider ID", emails, err, id)
		}

		again := r.queueEmail(t)
		run := jobs.New(db, r.clock, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, jobs.Options{Lease: 30 * time.Second})
		run.Register(workflows.JobSendEmail, 1, func(ctx context.Context, refs []workflows.JobRef) []workflows.JobResult {
			err := db.InTx(ctx, func(tx workflows.Tx) error { return tx.Jobs.Enqueue(ctx, workflows.JobSendEmail, again, r.clock.Now()) })
			return []workflows.JobResult{{Err: err}}
		})
		if n := runOnce(t, run); n != 1 {
			t.Fatalf("ran %d jobs, want 1", n)
		}
		if s := stats(t, r); s.Due != 1 {
			t.Fatalf("stats after a re-enqueue while running = %+v, want it due again", s)
		}
	})
}
