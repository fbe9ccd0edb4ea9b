package sqlstore_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
)

// TestReserveSlot checks the shared token bucket step by step: a burst at
// once, then one slot per interval, refilled by elapsed time up to the burst,
// and a slot beyond maxWait refused without being spent.
func TestReserveSlot(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		t0 := time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC)
		const every, burst = 100 * time.Millisecond, 3
		steps := []struct {
			name    string
			at      time.Duration // after t0
			maxWait time.Duration
			wait    time.Duration
			ok      bool
		}{
			{"burst 1", 0, time.Hour, 0, true},
			{"burst 2", 0, time.Hour, 0, true},
			{"burst 3", 0, time.Hour, 0, true},
			{"queued behind the burst", 0, time.Hour, 100 * time.Millisecond, true},
			{"queued further", 0, time.Hour, 200 * time.Millisecond, true},
			{"beyond maxWait: refused", 0, 250 * time.Millisecond, 300 * time.Millisecond, false},
			{"the refused slot was not spent", 0, 300 * time.Millisecond, 300 * time.Millisecond, true},
			{"later, still queued", 250 * time.Millisecond, time.Hour, 150 * time.Millisecond, true},
			{"idle long: full burst again", time.Hour, 0, 0, true},
			{"burst 2 after idling", time.Hour, 0, 0, true},
			{"burst 3 after idling", time.Hour, 0, 0, true},
			{"refill is capped at the burst", time.Hour, 0, 100 * time.Millisecond, false},
			{"one interval refills one", time.Hour + 100*time.Millisecond, 0, 0, true},
		}
		for _, s := range steps {
			wait, ok, err := db.ReserveSlot(ctx, "trello:abc", t0.Add(s.at), every, burst, s.maxWait)
			if err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			if wait != s.wait || ok != s.ok {
				t.Errorf("%s: wait %s ok %v, want %s %v", s.name, wait, ok, s.wait, s.ok)
			}
		}
		// Another budget is another row.
		if wait, ok, err := db.ReserveSlot(ctx, "sheets.writes:abc", t0, every, burst, 0); err != nil || !ok || wait != 0 {
			t.Errorf("another budget: wait %s ok %v err %v, want its own full burst", wait, ok, err)
		}
	})
}

// TestReserveSlotConcurrent has many goroutines, on two handles of the same
// database as two instances would, reserve at one instant: each gets its own
// slot, none shared, none skipped.
func TestReserveSlotConcurrent(t *testing.T) {
	sqlstoretest.EachURL(t, func(t *testing.T, dbURL string) {
		ctx := t.Context()
		var dbs []*sqlstore.DB
		for range 2 {
			db, err := sqlstore.Open(ctx, dbURL)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			dbs = append(dbs, db)
		}
		if err := dbs[0].Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		now := time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC)
		const n, every, burst = 40, 10 * time.Millisecond, 4
		var mu sync.Mutex
		var waits []time.Duration
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				wait, ok, err := dbs[i%2].ReserveSlot(ctx, "trello:shared", now, every, burst, time.Hour)
				if err != nil || !ok {
					t.Errorf("reserve: ok %v err %v", ok, err)
					return
				}
				mu.Lock()
				waits = append(waits, wait)
				mu.Unlock()
			})
		}
		wg.Wait()
		slices.Sort(waits)
		var want []time.Duration
		for i := range n {
			want = append(want, max(0, time.Duration(i-burst+1))*every)
		}
		if !slices.Equal(waits, want) {
			t.Errorf("waits %v\nwant  %v", waits, want)
		}
	})
}

// TestLeases checks the shared locks: one holder at a time, renewal only
// while held, release by the owner only, and an expired lease free to take
// (a crashed holder blocks nobody for long).
func TestLeases(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		t0 := time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC)
		at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
		const tab = "sheets-tab:x!upstream students"
		check := func(what string, got bool, err error, want bool) {
			t.Helper()
			if err != nil || got != want {
				t.Errorf("%s: %v (err %v), want %v", what, got, err, want)
			}
		}
		got, err := db.AcquireLease(ctx, tab, "a", at(0), at(30))
		check("a takes the free lock", got, err, true)
		got, err = db.AcquireLease(ctx, tab, "b", at(1), at(31))
		check("b while a holds it", got, err, false)
		got, err = db.AcquireLease(ctx, "sheets-tab:x!other", "b", at(1), at(31))
		check("b takes another tab", got, err, true)
		got, err = db.RenewLease(ctx, tab, "a", at(20), at(50))
		check("a renews", got, err, true)
		got, err = db.AcquireLease(ctx, tab, "b", at(40), at(70))
		check("b before the renewed expiry", got, err, false)
		if err := db.ReleaseLease(ctx, tab, "b"); err != nil {
			t.Fatal(err)
		}
		got, err = db.AcquireLease(ctx, tab, "b", at(41), at(71))
		check("b's release of a's lock did nothing", got, err, false)
		got, err = db.AcquireLease(ctx, tab, "b", at(50), at(80))
		check("b takes it once a's lease expired (a crashed)", got, err, true)
		got, err = db.RenewLease(ctx, tab, "a", at(51), at(81))
		check("a cannot renew what it lost", got, err, false)
		if err := db.ReleaseLease(ctx, tab, "b"); err != nil {
			t.Fatal(err)
		}
		got, err = db.AcquireLease(ctx, tab, "c", at(52), at(82))
		check("c after b's release", got, err, true)
		got, err = db.RenewLease(ctx, tab, "c", at(90), at(120))
		check("c cannot renew after its lease expired", got, err, false)
	})
}
