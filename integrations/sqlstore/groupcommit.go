package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"
)

// maxBatch bounds how many requests share one commit. Under load, a batch
// of everyone waiting made the clients move in one wave: the writer stood
// idle while they all read their answers and sent their next requests.
// Smaller batches let one wave's answers go out while the next one commits.
// At c=64, with each stretch's emails sent before the next (make bench),
// 32 did best: about 15 % more sign-ups a second than 16 and a p99 of
// 54-63 ms; 24 and 48 were close behind, and 128 well behind.
const maxBatch = 32

// groupWriter is SQLite's single writer with group commit. Concurrent write
// transactions coalesce into one SQLite transaction, each request's work in
// its own savepoint, so one failing request rolls back alone. Whoever holds
// the turn runs its fn in the open batch; when nobody is waiting for the turn
// (or the batch is full) it commits, and everyone in the batch gets their
// answer only then. So a lone request commits at once, and under load a
// batch is whatever queued while the previous commit ran: no timers.
type groupWriter struct {
	c       *conn
	turn    chan struct{} // holds one token: whoever put it in may use c
	waiting atomic.Int32  // callers waiting for the turn
	cur     *batch        // the open batch; only the turn's holder touches it
	closed  bool          // guarded by the turn
	commits atomic.Int64  // batches committed, for tests and metrics
}

// batch is one SQLite transaction shared by several requests.
type batch struct {
	members int           // requests whose work is in it, waiting for done
	done    chan struct{} // closed once committed (or failed)
	err     error         // the commit's outcome, set before done closes
}

func newGroupWriter(c *conn) *groupWriter {
	return &groupWriter{c: c, turn: make(chan struct{}, 1)}
}

// run runs fn in the current batch and returns once that batch's commit is
// durable (fn's error at once when fn failed: its savepoint is rolled back).
func (g *groupWriter) run(ctx context.Context, fn func(*tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	// A caller counted as waiting always takes its turn, even when ctx ends
	// meanwhile: the holder passed the open batch on to it and relies on it
	// to commit.
	g.waiting.Add(1)
	g.turn <- struct{}{}
	g.waiting.Add(-1)
	if g.closed {
		<-g.turn
		return classify(sqliteDialect, sql.ErrConnDone)
	}
	if g.cur == nil {
		if err := g.c.run("BEGIN IMMEDIATE"); err != nil {
			<-g.turn
			return classify(sqliteDialect, fmt.Errorf("begin: %w", err))
		}
		g.cur = &batch{done: make(chan struct{})}
	}
	b := g.cur
	ferr, panicked, alive := g.step(ctx, fn)
	switch {
	case !alive:
		// SQLite ended the transaction (it does on some I/O errors): the
		// work of everyone in the batch is lost, and they are told so.
		g.finish(b, fmt.Errorf("transaction lost: %w", ferr), false)
	case ferr == nil:
		b.members++
	}
	if alive && (g.waiting.Load() == 0 || b.members >= maxBatch) {
		g.finish(b, nil, true)
	}
	<-g.turn // pass the turn (and the open batch, if any) on
	if panicked != nil {
		panic(panicked)
	}
	if ferr != nil {
		return ferr
	}
	<-b.done
	return b.err
}

// step runs fn in a savepoint. alive is false when the transaction itself is
// gone and the savepoint could not be rolled back.
func (g *groupWriter) step(ctx context.Context, fn func(*tx) error) (err error, panicked any, alive bool) {
	if err := g.c.run("SAVEPOINT req"); err != nil {
		return classify(sqliteDialect, fmt.Errorf("savepoint: %w", err)), nil, false
	}
	func() {
		defer func() {
			if p := recover(); p != nil {
				panicked, err = p, fmt.Errorf("panic: %v", p)
			}
		}()
		if err = ctx.Err(); err == nil {
			err = fn(&tx{q: g.c.c, d: sqliteDialect, c: g.c, shared: true})
		}
	}()
	if err == nil {
		if rerr := g.c.run("RELEASE req"); rerr != nil {
			return classify(sqliteDialect, fmt.Errorf("release savepoint: %w", rerr)), nil, false
		}
		return nil, nil, true
	}
	if rerr := g.c.run("ROLLBACK TO req"); rerr != nil {
		return err, panicked, false
	}
	return err, panicked, g.c.run("RELEASE req") == nil
}

// finish ends the open batch: commit (or roll back when commit is false or
// nobody's work is in it) and tell its members.
func (g *groupWriter) finish(b *batch, failed error, commit bool) {
	g.cur = nil
	switch {
	case commit && b.members > 0:
		if err := g.c.run("COMMIT"); err != nil {
			_ = g.c.run("ROLLBACK")
			failed = classify(sqliteDialect, fmt.Errorf("commit: %w", err))
		} else {
			g.commits.Add(1)
		}
	default:
		_ = g.c.run("ROLLBACK")
	}
	b.err = failed
	close(b.done)
}

// close waits for the open batch to commit, then closes the connection;
// later writes fail.
func (g *groupWriter) close() error {
	g.turn <- struct{}{}
	defer func() { <-g.turn }()
	if g.closed {
		return nil
	}
	g.closed = true
	if g.cur != nil {
		g.finish(g.cur, nil, true)
	}
	return g.c.close()
}
