package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
)

// maxStmts bounds the statements kept prepared on one connection; queries
// built with a varying number of placeholders beyond it run unprepared.
const maxStmts = 256

// conn is one SQLite connection and the statements prepared on it, so a
// query's SQL is parsed once per connection, not once per request. A conn is
// used by one goroutine at a time (the writer's turn, or a reader checked out
// of the pool), so its map needs no lock.
type conn struct {
	c     *sql.Conn
	stmts map[string]*sql.Stmt
}

func newConn(c *sql.Conn) *conn { return &conn{c: c, stmts: map[string]*sql.Stmt{}} }

// stmt returns query prepared on this connection, or nil when it cannot be
// (the caller then runs it unprepared, which reports any error).
func (c *conn) stmt(ctx context.Context, query string) *sql.Stmt {
	if s, ok := c.stmts[query]; ok {
		return s
	}
	if len(c.stmts) >= maxStmts {
		return nil
	}
	s, err := c.c.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	c.stmts[query] = s
	return s
}

// run executes a statement of the connection's own (BEGIN, COMMIT…).
func (c *conn) run(query string) error {
	s := c.stmt(context.Background(), query)
	if s == nil {
		_, err := c.c.ExecContext(context.Background(), query)
		return err
	}
	_, err := s.ExecContext(context.Background())
	return err
}

func (c *conn) close() error {
	for _, s := range c.stmts {
		_ = s.Close()
	}
	return c.c.Close()
}

// view runs fn in a deferred (read) transaction on this connection.
func (c *conn) view(ctx context.Context, fn func(*tx) error) (err error) {
	if err := c.run("BEGIN"); err != nil {
		return classify(sqliteDialect, fmt.Errorf("begin: %w", err))
	}
	defer func() {
		if rerr := c.run("ROLLBACK"); rerr != nil && err == nil {
			err = fmt.Errorf("end read: %w", rerr)
		}
	}()
	return fn(&tx{q: c.c, d: sqliteDialect, c: c})
}

// execer runs statements: a *sql.Tx of the PostgreSQL pool, or a SQLite
// connection whose transaction was begun by hand.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// tx is one transaction; every query goes through its helpers so the
// placeholders are rebound for the dialect, and statements reused, in one
// place.
type tx struct {
	q  execer
	d  dialect
	c  *conn    // SQLite: the connection with its prepared statements
	rb *rebound // PostgreSQL: the pool's rewritten queries
	// shared says the SQLite transaction holds other requests' work too: a
	// statement is never interrupted half-way (SQLite would then roll back
	// the whole transaction), so ctx is checked between statements instead.
	shared bool
}

// ctx is the context a statement runs with.
func (t *tx) ctx(ctx context.Context) context.Context {
	if t.shared && ctx.Err() == nil {
		return context.WithoutCancel(ctx)
	}
	return ctx // an ended context fails the statement before it starts
}

func (t *tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	ctx = t.ctx(ctx)
	if s := t.prepared(ctx, query); s != nil {
		res, err := s.ExecContext(ctx, args...)
		return res, classify(t.d, err)
	}
	res, err := t.q.ExecContext(ctx, t.rebind(query), args...)
	return res, classify(t.d, err)
}

// execLater runs a write whose result nobody reads. On PostgreSQL it waits
// to go with the transaction's next round trip; if it fails there, the
// transaction fails with its error.
func (t *tx) execLater(ctx context.Context, what, query string, args ...any) error {
	if p, ok := t.q.(*pipeline); ok {
		p.later(what, t.rebind(query), args)
		return nil
	}
	if _, err := t.exec(ctx, query, args...); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func (t *tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	ctx = t.ctx(ctx)
	if s := t.prepared(ctx, query); s != nil {
		rows, err := s.QueryContext(ctx, args...)
		return rows, classify(t.d, err)
	}
	rows, err := t.q.QueryContext(ctx, t.rebind(query), args...)
	return rows, classify(t.d, err)
}

func (t *tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	ctx = t.ctx(ctx)
	if s := t.prepared(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return t.q.QueryRowContext(ctx, t.rebind(query), args...)
}

// queryRowFirst is queryRow for a plain read (no lock, no write) that may
// run before the transaction has begun (see pipeline.QueryRowFirst).
func (t *tx) queryRowFirst(ctx context.Context, query string, args ...any) *sql.Row {
	if p, ok := t.q.(*pipeline); ok {
		return p.QueryRowFirst(ctx, t.rebind(query), args...)
	}
	return t.queryRow(ctx, query, args...)
}

func (t *tx) rebind(query string) string {
	if t.rb != nil {
		return t.rb.query(query)
	}
	return t.d.rebind(query)
}

func (t *tx) prepared(ctx context.Context, query string) *sql.Stmt {
	if t.c == nil || ctx.Err() != nil {
		return nil
	}
	return t.c.stmt(ctx, query)
}
