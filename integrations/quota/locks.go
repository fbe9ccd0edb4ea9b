package quota

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"registrar/workflows"
)

// Lease defaults: a lease outlives its holder by at most defaultTTL, and is
// renewed three times per TTL while held, so a slow vendor call does not
// lose it. A waiter looks again after defaultPoll, backing off to 8 times.
const (
	defaultTTL  = 30 * time.Second
	defaultPoll = 20 * time.Millisecond
)

// Locks hands out named leases shared by every instance on the database.
type Locks struct {
	store Store
	clock workflows.Clock
	ttl   time.Duration
	poll  time.Duration
}

// LockOption adjusts Locks.
type LockOption func(*Locks)

// WithLeaseTTL changes how long a lease outlives a holder that stopped
// renewing it (a crashed instance).
func WithLeaseTTL(d time.Duration) LockOption { return func(l *Locks) { l.ttl = d } }

// NewLocks returns leases kept in store.
func NewLocks(store Store, clock workflows.Clock, opts ...LockOption) *Locks {
	l := &Locks{store: store, clock: clock, ttl: defaultTTL, poll: defaultPoll}
	for _, o := range opts {
		o(l)
	}
	return l
}

// Lock takes name, waiting while another holder has it, until ctx ends. The
// returned context is ctx, ended early if the lease is lost (a renewal
// failed: the holder must stop writing); unlock releases the lease and must
// be called. No transaction stays open while waiting or holding.
func (l *Locks) Lock(ctx context.Context, name string) (held context.Context, unlock func(), err error) {
	owner := workflows.NewID()
	wait := l.poll
	for {
		now := l.clock.Now()
		ok, err := l.store.AcquireLease(ctx, name, owner, now, now.Add(l.ttl))
		if err != nil {
			return nil, nil, workflows.Wrap(workflows.Unavailable, "A shared lock could not be taken.", fmt.Errorf("lock %s: %w", name, err))
		}
		if ok {
			break
		}
		t := time.NewTimer(wait/2 + rand.N(wait/2+1))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, nil, workflows.Wrap(workflows.Unavailable, "A shared lock is busy.", fmt.Errorf("lock %s: %w", name, ctx.Err()))
		}
		wait = min(2*wait, 8*l.poll)
	}
	held, cancel := context.WithCancelCause(ctx)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { l.keep(held, cancel, done, name, owner) })
	var once sync.Once
	unlock = func() {
		once.Do(func() {
			close(done)
			wg.Wait()
			cancel(nil)
			rctx, stop := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer stop()
			_ = l.store.ReleaseLease(rctx, name, owner) // not released: it expires
		})
	}
	return held, unlock, nil
}

// keep renews the lease until done closes, and ends held when it is lost.
func (l *Locks) keep(held context.Context, cancel context.CancelCauseFunc, done <-chan struct{}, name, owner string) {
	tick := time.NewTicker(l.ttl / 3)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-held.Done():
			return
		case <-tick.C:
		}
		now := l.clock.Now()
		ok, err := l.store.RenewLease(held, name, owner, now, now.Add(l.ttl))
		if err != nil || !ok {
			cancel(workflows.Wrap(workflows.Unavailable, "A shared lock was lost.", fmt.Errorf("lock %s lost (renewal: %v)", name, err)))
			return
		}
	}
}
