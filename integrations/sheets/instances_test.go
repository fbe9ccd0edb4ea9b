package sheets_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"registrar/integrations/sheets"
	"registrar/integrations/sheets/sheetstest"
	"registrar/workflows"
)

// callerHeader names the instance behind each request, for the fake.
const callerHeader = "X-Test-Instance"

// named sets the caller header on every request.
type named struct {
	base http.RoundTripper
	name string
}

func (n named) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set(callerHeader, n.name)
	return n.base.RoundTrip(r)
}

// memLocks is a TabLocker for instances in one process.
type memLocks struct {
	mu    sync.Mutex
	locks map[string]*sync.Mutex
}

func (m *memLocks) Lock(ctx context.Context, name string) (context.Context, func(), error) {
	m.mu.Lock()
	l, ok := m.locks[name]
	if !ok {
		l = &sync.Mutex{}
		m.locks[name] = l
	}
	m.mu.Unlock()
	l.Lock()
	return ctx, l.Unlock, nil
}

// TestTabLockAcrossInstances has two Sheets, as two instances would, add,
// update and delete rows of one tab at once. With a shared tab lock the
// fake sees no write made on a stale read and every row is there once;
// without one (the control, proving the fake's check) it sees stale writes.
func TestTabLockAcrossInstances(t *testing.T) {
	for _, shared := range []bool{true, false} {
		t.Run(fmt.Sprintf("shared lock %v", shared), func(t *testing.T) {
			fake := sheetstest.New(t, sheetstest.WithCallers(callerHeader))
			locks := &memLocks{locks: map[string]*sync.Mutex{}}
			cfg := sheets.Config{SpreadsheetID: sheetstest.SpreadsheetID, Endpoint: fake.Endpoint()}
			var wg sync.WaitGroup
			// Each instance writes only its own IDs, so what it did says
			// what the tab must hold of them.
			want := [2]map[string]bool{{}, {}}
			for i, name := range []string{"a", "b"} {
				client := fake.Client()
				client.Transport = named{client.Transport, name}
				opts := []sheets.Option{sheets.WithRate(rate.Inf, 1)}
				if shared {
					opts = append(opts, sheets.WithTabLock(locks))
				}
				s, err := sheets.New(t.Context(), cfg, client, opts...)
				if err != nil {
					t.Fatal(err)
				}
				wg.Go(func() {
					for round := range 30 {
						if !shared && fake.StaleWrites() > 0 {
							return
						}
						id := func(k int) string { return fmt.Sprintf("%s%03d", name, k) }
						rows := []workflows.SheetRow{row(id(round), "new"), row(id(round/2), fmt.Sprint("seen ", round))}
						if err := s.UpsertRows(t.Context(), "students", header, rows); err != nil {
							t.Errorf("instance %d: %v", i, err)
							return
						}
						want[i][id(round)], want[i][id(round/2)] = true, true
						if round%5 == 4 {
							if err := s.DeleteRows(t.Context(), "students", []string{id(round - 4)}); err != nil {
								t.Errorf("instance %d: %v", i, err)
								return
							}
							delete(want[i], id(round-4))
						}
					}
				})
			}
			wg.Wait()
			if !shared {
				if fake.StaleWrites() == 0 {
					t.Error("without a shared lock the fake saw no stale write: its check does not work")
				}
				return
			}
			if n := fake.StaleWrites(); n > 0 {
				t.Errorf("%d writes made on a stale read of the tab, want 0", n)
			}
			count := map[string]int{}
			for _, r := range fake.Rows("students")[1:] {
				count[r[0]]++
			}
			for i, name := range []string{"a", "b"} {
				for k := range 30 {
					id, n := fmt.Sprintf("%s%03d", name, k), 0
					if want[i][id] {
						n = 1
					}
					if count[id] != n {
						t.Errorf("%s: %d rows, want %d", id, count[id], n)
					}
				}
			}
		})
	}
}

// TestFakeQuota: over the fake's per-user quota Google answers 429, which
// reaches the runner as Unavailable; reads and writes are counted apart.
func TestFakeQuota(t *testing.T) {
	fake := sheetstest.New(t, sheetstest.WithQuota(4, time.Hour))
	s := newSheet(t, fake, nil)
	// The first upsert lists the tabs, adds one, reads it, writes the header
	// and appends: two reads, three writes. The second reads and appends; the
	// third reads (the fourth read) and its append is the fifth write.
	for i := range 2 {
		if err := s.UpsertRows(t.Context(), "students", header, []workflows.SheetRow{row(fmt.Sprint("r", i), "x")}); err != nil {
			t.Fatalf("upsert %d within the quota: %v", i, err)
		}
	}
	err := s.UpsertRows(t.Context(), "students", header, []workflows.SheetRow{row("r9", "x")})
	if workflows.KindOf(err) != workflows.Unavailable || fake.QuotaRefused() != 1 {
		t.Errorf("over the quota: %v (%d refused), want Unavailable and 1 refused", err, fake.QuotaRefused())
	}
}
