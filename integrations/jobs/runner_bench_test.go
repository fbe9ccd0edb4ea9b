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

// BenchmarkDrainEmailBatches measures the outbox under load: 32 queued
// emails a run, claimed, read, sent and recorded as one batch on real
// SQLite, as the server's mail workers do; ns/email is the figure to watch.
func BenchmarkDrainEmailBatches(b *testing.B) {
	const batch = 32
	r := newRig(b, sqlstoretest.Open(b))
	run := r.runner()
	b.ReportAllocs()
	var emails int
	for b.Loop() {
		b.StopTimer()
		for range batch {
			r.queueEmail(b)
		}
		b.StartTimer()
		if n, err := run.RunOnce(b.Context(), workflows.JobSendEmail); err != nil || n != batch {
			b.Fatalf("ran %d: %v", n, err)
		}
		emails += batch
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(emails), "ns/email")
}
