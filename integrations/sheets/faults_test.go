package sheets_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"registrar/integrations/fakeapi"
	"registrar/integrations/sheets/sheetstest"
	"registrar/workflows"
)

// A write whose outcome was unknown is retried; the retry must find the rows
// the first attempt wrote and not add them again.
func TestUpsertRowsRetryAfterUnknownOutcome(t *testing.T) {
	tests := []struct {
		name  string
		fault fakeapi.Fault
	}{
		{"append applied, then 500", fakeapi.Fault{Kind: fakeapi.FailAfterCommit, Op: "values.append"}},
		{"append applied, then no answer", fakeapi.Fault{Kind: fakeapi.Slow, Op: "values.append"}},
		{"add tab applied, then 500", fakeapi.Fault{Kind: fakeapi.FailAfterCommit, Op: "spreadsheets.batchUpdate"}},
		{"header applied, then 500", fakeapi.Fault{Kind: fakeapi.FailAfterCommit, Op: "values.batchUpdate"}},
		{"append refused with 503", fakeapi.Fault{Kind: fakeapi.Fail5xx, Op: "values.append"}},
		{"read refused with 503", fakeapi.Fault{Kind: fakeapi.Fail5xx, Op: "values.batchGet"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := sheetstest.New(t)
			client := fake.Client()
			client.Timeout = 300 * time.Millisecond
			s := newSheet(t, fake, client)
			rows := []workflows.SheetRow{row("r1", "Ada", "pending"), row("r2", "Bob", "pending")}
			fake.Script(tt.fault)

			err := s.UpsertRows(t.Context(), "students", header, rows)
			if workflows.KindOf(err) != workflows.Unavailable {
				t.Fatalf("first attempt: kind %v (%v), want unavailable", workflows.KindOf(err), err)
			}
			if err := s.UpsertRows(t.Context(), "students", header, rows); err != nil {
				t.Fatalf("retry: %v", err)
			}
			want := [][]string{header, {"r1", "Ada", "pending"}, {"r2", "Bob", "pending"}}
			if got := fake.Rows("students"); !equalGrid(got, want) {
				t.Errorf("rows:\n got %q\nwant %q", got, want)
			}
		})
	}
}

// Under random failures, retrying each batch until it succeeds leaves
// exactly one row per registration.
func TestUpsertRowsRandomFaults(t *testing.T) {
	fake := sheetstest.New(t, sheetstest.WithSeed(42))
	s := newSheet(t, fake, nil)
	fake.SetRandomFaults(0.3, fakeapi.Fail5xx, fakeapi.RateLimit, fakeapi.FailAfterCommit)
	for batch := range 10 {
		rows := []workflows.SheetRow{row(fmt.Sprintf("r%d", 2*batch), "x", "y"), row(fmt.Sprintf("r%d", 2*batch+1), "x", "y")}
		for attempt := 0; ; attempt++ {
			err := s.UpsertRows(t.Context(), "students", header, rows)
			if err == nil {
				break
			}
			if workflows.KindOf(err) != workflows.Unavailable || attempt > 50 {
				t.Fatalf("batch %d attempt %d: %v", batch, attempt, err)
			}
		}
	}
	fake.SetRandomFaults(0)
	got := fake.Rows("students")
	if len(got) != 21 {
		t.Fatalf("got %d rows, want header + 20: %q", len(got), got)
	}
	seen := map[string]bool{}
	for _, r := range got[1:] {
		if seen[r[0]] {
			t.Errorf("duplicate row for %s", r[0])
		}
		seen[r[0]] = true
	}
}

func TestUpsertRowsConcurrent(t *testing.T) {
	fake := sheetstest.New(t)
	s := newSheet(t, fake, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			errs <- s.UpsertRows(t.Context(), "students", header, []workflows.SheetRow{row(fmt.Sprintf("r%d", i), "x", "pending")})
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := fake.Rows("students"); len(got) != 9 {
		t.Errorf("got %d rows, want header + 8: %q", len(got), got)
	}
}
