package jobs_test

import (
	"testing"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// BenchmarkDrainEmails measures outbox throughput: claim, send through a
// recording mailer, record, for queued emails on real SQLite.
func BenchmarkDrainEmails(b *testing.B) {
	r := newRig(b, sqlstoretest.Open(b)) // benchmarks measure the default database, SQLite
	run := r.runner()
	b.ReportAllocs()
	for b.Loop() {
		r.queueEmail(b)
		if n, err := run.RunOnce(b.Context(), workflows.JobSendEmail); err != nil || n != 1 {
			b.Fatalf("ran %d: %v", n, err)
		}
	}
}
