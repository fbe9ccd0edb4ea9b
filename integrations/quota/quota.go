// Package quota shares vendor rate budgets and locks among every instance on
// one database: a Budget paces calls under a vendor's limit (Trello's 100
// requests per 10 s per token, Sheets' 60 writes a minute) however many
// instances make them, and Locks hands out named leases (a spreadsheet tab
// while it is read and rewritten) that expire if their holder dies. The
// state lives in the database (sqlstore implements Store); nothing waits
// inside a transaction.
package quota

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"registrar/workflows"
)

// Store keeps budgets and leases where every instance sees them.
type Store interface {
	// ReserveSlot takes the next call slot of a token bucket that gains a
	// call every interval up to burst, unless it is more than maxWait away;
	// wait is the time from now until the slot (or would have been).
	ReserveSlot(ctx context.Context, name string, now time.Time, every time.Duration, burst int, maxWait time.Duration) (wait time.Duration, ok bool, err error)
	// AcquireLease takes name for owner until until when it is free,
	// expired by now, or owner's already.
	AcquireLease(ctx context.Context, name, owner string, now, until time.Time) (bool, error)
	// RenewLease extends owner's live lease; false means it was lost.
	RenewLease(ctx context.Context, name, owner string, now, until time.Time) (bool, error)
	// ReleaseLease frees owner's lease.
	ReleaseLease(ctx context.Context, name, owner string) error
}

// Rate is a vendor limit: at most N calls in any window of Per.
type Rate struct {
	N   int
	Per time.Duration
}

// ParseRate reads "N/WINDOW", e.g. "88/10s" or "55/1m".
func ParseRate(s string) (Rate, error) {
	n, per, ok := strings.Cut(strings.TrimSpace(s), "/")
	count, err := strconv.Atoi(n)
	if !ok || err != nil || count < 1 {
		return Rate{}, fmt.Errorf("rate %q: want calls/window such as 88/10s", s)
	}
	window, err := time.ParseDuration(per)
	if err != nil || window <= 0 {
		return Rate{}, fmt.Errorf("rate %q: want calls/window such as 88/10s", s)
	}
	return Rate{N: count, Per: window}, nil
}

func (r Rate) String() string { return strconv.Itoa(r.N) + "/" + r.Per.String() }

// bucket turns the rate into a token bucket that never lets more than N
// calls into any closed window of Per: a burst of a tenth of N (at least
// one), then one call per Per/(N-burst), rounded up to the microseconds the
// store counts in (a single call a window: one just over Per apart).
func (r Rate) bucket() (every time.Duration, burst int) {
	burst = max(1, r.N/10)
	every = r.Per + time.Microsecond
	if r.N > burst {
		every = r.Per / time.Duration(r.N-burst)
	}
	return (every + time.Microsecond - 1).Truncate(time.Microsecond), burst
}

// Name builds a budget or lock name from a vendor and the credential or
// resource it is counted per; the credential is hashed, so the database
// never holds it.
func Name(vendor, per string) string {
	sum := sha256.Sum256([]byte(per))
	return vendor + ":" + hex.EncodeToString(sum[:12])
}

// Budget paces calls made under one vendor limit by every instance. It
// satisfies the adapters' pacer (as *rate.Limiter does in one process).
type Budget struct {
	store Store
	clock workflows.Clock
	name  string
	every time.Duration
	burst int
}

// NewBudget returns the budget name, shared by whoever uses the same name.
func NewBudget(store Store, clock workflows.Clock, name string, r Rate) *Budget {
	every, burst := r.bucket()
	return &Budget{store: store, clock: clock, name: name, every: every, burst: burst}
}

// Wait returns once a call may go: at once while the budget has room, else
// at the slot reserved for it. A slot beyond ctx's deadline is not taken:
// the error is Unavailable with RetryAfter set, and nothing is spent.
func (b *Budget) Wait(ctx context.Context) error {
	now := b.clock.Now()
	maxWait := time.Duration(1<<62 - 1)
	if deadline, ok := ctx.Deadline(); ok {
		maxWait = deadline.Sub(now)
	}
	wait, ok, err := b.store.ReserveSlot(ctx, b.name, now, b.every, b.burst, maxWait)
	switch {
	case err != nil:
		return workflows.Wrap(workflows.Unavailable, "The shared rate budget could not be read.", fmt.Errorf("budget %s: %w", b.name, err))
	case !ok:
		return &workflows.Error{Kind: workflows.Unavailable, Message: "The shared rate budget is spent for now.",
			RetryAfter: wait, Err: fmt.Errorf("budget %s: next slot in %s", b.name, wait)}
	case wait <= 0:
		return nil
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return workflows.Wrap(workflows.Unavailable, "The shared rate budget is busy.", fmt.Errorf("budget %s: %w", b.name, ctx.Err()))
	}
}
