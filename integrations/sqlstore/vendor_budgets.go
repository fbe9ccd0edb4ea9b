package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"registrar/workflows"
)

// Vendor budgets and locks shared by every instance on the database
// (quota.Store). Each is one short statement in its own transaction: nobody
// holds a transaction open while waiting for a slot or a lock.

// maxSlotWait bounds how far ahead a slot may be reserved, so the limit
// below stays far from overflowing.
const maxSlotWait = 24 * time.Hour

// ReserveSlot takes the next call slot of the budget name, a token bucket
// that gains one call every interval up to burst calls, kept as its
// theoretical arrival time (GCRA: one timestamp, advanced by one interval per
// call). wait is how long after now the reserved call may go. A slot further
// than maxWait away is not taken: ok is false and wait says how long the
// caller would have had to wait.
func (d *DB) ReserveSlot(ctx context.Context, name string, now time.Time, every time.Duration, burst int, maxWait time.Duration) (wait time.Duration, ok bool, err error) {
	if every <= 0 || burst < 1 {
		return 0, false, fmt.Errorf("reserve %s slot: bad budget (every %s, burst %d)", name, every, burst)
	}
	maxWait = min(max(maxWait, 0), maxSlotWait)
	at, step, tolerance := now.UnixMicro(), every.Microseconds(), int64(burst)*every.Microseconds()
	err = d.inTx(ctx, func(t *tx) error {
		// Three tries: on PostgreSQL another instance may create the row, or
		// free a slot, between one statement and the next.
		for range 3 {
			var tat int64
			err := t.queryRow(ctx, `UPDATE vendor_budgets SET tat = CASE WHEN tat > ? THEN tat ELSE ? END + ?
				WHERE name = ? AND CASE WHEN tat > ? THEN tat ELSE ? END + ? <= ?
				RETURNING tat`,
				at, at, step, name, at, at, step, at+tolerance+maxWait.Microseconds()).Scan(&tat)
			if err == nil {
				wait, ok = time.Duration(tat-at-tolerance)*time.Microsecond, true
				return nil
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("reserve %s slot: %w", name, err)
			}
			// Either the budget is spent beyond maxWait or its row is new.
			err = t.queryRow(ctx, `SELECT tat FROM vendor_budgets WHERE name = ?`, name).Scan(&tat)
			switch {
			case err == nil:
				if wait = time.Duration(max(tat, at)+step-at-tolerance) * time.Microsecond; wait > maxWait {
					return nil
				}
			case errors.Is(err, sql.ErrNoRows):
				if _, err := t.exec(ctx, `INSERT INTO vendor_budgets (name, tat) VALUES (?, 0) ON CONFLICT (name) DO NOTHING`, name); err != nil {
					return fmt.Errorf("create %s budget: %w", name, err)
				}
			default:
				return fmt.Errorf("read %s budget: %w", name, err)
			}
		}
		return workflows.Wrap(workflows.Unavailable, "The rate budget is busy.", fmt.Errorf("reserve %s slot: contended", name))
	})
	return max(wait, 0), ok, err
}

// AcquireLease takes the lock name for owner until until, if it is free, has
// expired by now, or is owner's already.
func (d *DB) AcquireLease(ctx context.Context, name, owner string, now, until time.Time) (bool, error) {
	var got bool
	err := d.inTx(ctx, func(t *tx) error {
		var holder string
		err := t.queryRow(ctx, `INSERT INTO vendor_locks (name, owner, expires_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
			WHERE vendor_locks.owner = excluded.owner OR vendor_locks.expires_at <= ?
			RETURNING owner`, name, owner, toMicros(until), toMicros(now)).Scan(&holder)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return nil
		case err != nil:
			return fmt.Errorf("acquire lock %s: %w", name, err)
		}
		got = holder == owner
		return nil
	})
	return got, err
}

// RenewLease extends owner's lease on name to until. It reports false when
// the lease has expired by now or is no longer owner's: the holder must stop.
func (d *DB) RenewLease(ctx context.Context, name, owner string, now, until time.Time) (bool, error) {
	var n int64
	err := d.inTx(ctx, func(t *tx) error {
		res, err := t.exec(ctx, `UPDATE vendor_locks SET expires_at = ? WHERE name = ? AND owner = ? AND expires_at > ?`,
			toMicros(until), name, owner, toMicros(now))
		if err != nil {
			return fmt.Errorf("renew lock %s: %w", name, err)
		}
		n, err = affected(res, "renew lock "+name)
		return err
	})
	return n == 1, err
}

// ReleaseLease frees owner's lease on name; a lease taken over by another
// owner meanwhile is left alone.
func (d *DB) ReleaseLease(ctx context.Context, name, owner string) error {
	return d.inTx(ctx, func(t *tx) error {
		if _, err := t.exec(ctx, `DELETE FROM vendor_locks WHERE name = ? AND owner = ?`, name, owner); err != nil {
			return fmt.Errorf("release lock %s: %w", name, err)
		}
		return nil
	})
}
