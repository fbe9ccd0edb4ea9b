package quota_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"registrar/integrations/quota"
	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

var clock = workflows.ClockFunc(time.Now)

// twoHandles opens the database at dbURL twice, as two instances would.
func twoHandles(t *testing.T, dbURL string) [2]*sqlstore.DB {
	t.Helper()
	var dbs [2]*sqlstore.DB
	for i := range dbs {
		db, err := sqlstore.Open(t.Context(), dbURL)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		dbs[i] = db
	}
	if err := dbs[0].Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	return dbs
}

// TestLocksOneHolderAcrossInstances has workers of two instances take the
// same lock over and over: never two holders at once.
func TestLocksOneHolderAcrossInstances(t *testing.T) {
	sqlstoretest.EachURL(t, func(t *testing.T, dbURL string) {
		dbs := twoHandles(t, dbURL)
		locks := [2]*quota.Locks{quota.NewLocks(dbs[0], clock), quota.NewLocks(dbs[1], clock)}
		var holders, most, taken atomic.Int32
		var wg sync.WaitGroup
		for w := range 6 {
			wg.Go(func() {
				for range 8 {
					held, unlock, err := locks[w%2].Lock(t.Context(), "sheets-tab:s!students")
					if err != nil {
						t.Error(err)
						return
					}
					n := holders.Add(1)
					for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
					}
					taken.Add(1)
					if err := dbs[w%2].Ping(t.Context()); err != nil { // hold it a moment, as a Sheets call would
						t.Error(err)
					}
					if held.Err() != nil {
						t.Errorf("lease lost while held: %v", context.Cause(held))
					}
					holders.Add(-1)
					unlock()
				}
			})
		}
		wg.Wait()
		if most.Load() != 1 || taken.Load() != 48 {
			t.Errorf("%d holders at most, %d takes; want 1 and 48", most.Load(), taken.Load())
		}
	})
}

// TestLockTakesOverFromACrashedHolder: a waiter gives up with its context
// while another holds the lock; a lease whose holder stopped renewing it
// (crashed) is taken once it has expired.
func TestLockTakesOverFromACrashedHolder(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		now := time.Now()
		for name, until := range map[string]time.Time{"sheets-tab:s!live": now.Add(time.Hour), "sheets-tab:s!crashed": now.Add(-time.Second)} {
			if ok, err := db.AcquireLease(t.Context(), name, "other", now.Add(-time.Minute), until); err != nil || !ok {
				t.Fatalf("the other holder's lease on %s: %v %v", name, ok, err)
			}
		}
		locks := quota.NewLocks(db, clock)
		short, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
		defer cancel()
		if _, _, err := locks.Lock(short, "sheets-tab:s!live"); workflows.KindOf(err) != workflows.Unavailable || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("while another holds it: %v, want Unavailable wrapping the deadline", err)
		}
		_, unlock, err := locks.Lock(t.Context(), "sheets-tab:s!crashed")
		if err != nil {
			t.Fatalf("after the crashed holder's lease ran out: %v", err)
		}
		if ok, err := db.AcquireLease(t.Context(), "sheets-tab:s!crashed", "next", time.Now(), time.Now().Add(time.Second)); err != nil || ok {
			t.Errorf("while held after the takeover, another got it: %v %v", ok, err)
		}
		unlock()
		if ok, err := db.AcquireLease(t.Context(), "sheets-tab:s!crashed", "next", time.Now(), time.Now().Add(time.Second)); err != nil || !ok {
			t.Errorf("after unlock the lock is free: %v %v", ok, err)
		}
	})
}

// leases is a Store whose leases are granted, then renewed while renew says.
type leases struct {
	slots
	renew    atomic.Bool
	renewals atomic.Int32
	released atomic.Int32
}

func (l *leases) AcquireLease(context.Context, string, string, time.Time, time.Time) (bool, error) {
	return true, nil
}

func (l *leases) RenewLease(context.Context, string, string, time.Time, time.Time) (bool, error) {
	l.renewals.Add(1)
	return l.renew.Load(), nil
}

func (l *leases) ReleaseLease(context.Context, string, string) error {
	l.released.Add(1)
	return nil
}

// TestLockRenewsAndEndsWhenLost: a held lease is renewed three times per
// TTL; when a renewal fails the holder's context ends, so it stops writing.
func TestLockRenewsAndEndsWhenLost(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &leases{}
		store.renew.Store(true)
		locks := quota.NewLocks(store, clock, quota.WithLeaseTTL(30*time.Second))
		held, unlock, err := locks.Lock(t.Context(), "tab")
		if err != nil {
			t.Fatal(err)
		}
		defer unlock()
		time.Sleep(65 * time.Second)
		synctest.Wait()
		if n := store.renewals.Load(); n != 6 || held.Err() != nil {
			t.Errorf("after 65 s: %d renewals, held %v; want 6 and still held", n, held.Err())
		}
		store.renew.Store(false)
		time.Sleep(10 * time.Second)
		synctest.Wait()
		if held.Err() == nil || workflows.KindOf(context.Cause(held)) != workflows.Unavailable {
			t.Errorf("after a failed renewal: held %v (cause %v), want ended, Unavailable", held.Err(), context.Cause(held))
		}
		unlock()
		unlock() // twice is once
		if n := store.released.Load(); n != 1 {
			t.Errorf("%d releases, want 1", n)
		}
	})
}
