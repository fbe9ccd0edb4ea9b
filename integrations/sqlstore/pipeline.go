package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// pipeline is one PostgreSQL transaction on a connection of the pool. Each
// round trip to the server costs both processes a write and a read, and a
// sign-up made seven; so BEGIN, and the writes whose results nobody reads
// (later), wait and go in one round trip with the next statement that needs
// an answer, or with COMMIT. A sign-up now makes three.
type pipeline struct {
	conn    *sql.Conn
	pending []pendingStmt
	sent    bool  // some of the transaction went to the server
	failed  error // the first waiting write that failed: the transaction's cause
}

type pendingStmt struct {
	what  string // for the error: "insert token"
	query string // rebound for PostgreSQL
	args  []any
}

func beginPipeline(ctx context.Context, db *sql.DB, readOnly bool) (*pipeline, error) {
	c, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	begin := "BEGIN"
	if readOnly {
		begin = "BEGIN READ ONLY"
	}
	return &pipeline{conn: c, pending: []pendingStmt{{what: "begin", query: begin}}}, nil
}

// later queues a write to go with the next round trip.
func (p *pipeline) later(what, query string, args []any) {
	p.pending = append(p.pending, pendingStmt{what: what, query: query, args: args})
}

// ExecContext runs query in one round trip with what waits.
func (p *pipeline) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if len(p.pending) == 0 {
		return p.conn.ExecContext(ctx, query, args...)
	}
	tag, err := p.send(ctx, append(p.pending, pendingStmt{query: query, args: args}))
	p.pending = nil
	if err != nil {
		return nil, err
	}
	return execResult(tag.RowsAffected()), nil
}

func (p *pipeline) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := p.flush(ctx); err != nil {
		return nil, err
	}
	return p.conn.QueryContext(ctx, query, args...)
}

func (p *pipeline) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if err := p.flush(ctx); err != nil {
		// A Row cannot be made with an error: an ended context gives one
		// without a round trip, and poolTx reports p.failed as the cause.
		ended, cancel := context.WithCancel(ctx)
		cancel()
		return p.conn.QueryRowContext(ended, query, args...)
	}
	return p.conn.QueryRowContext(ctx, query, args...)
}

// QueryRowFirst runs a plain read (no lock, no write) that starts a
// transaction before BEGIN has gone: under READ COMMITTED each statement
// sees the latest commits anyway, so it reads the same and saves the round
// trip BEGIN would take alone. A sign-up reads its event this way.
func (p *pipeline) QueryRowFirst(ctx context.Context, query string, args ...any) *sql.Row {
	if p.sent || len(p.pending) != 1 {
		return p.QueryRowContext(ctx, query, args...)
	}
	return p.conn.QueryRowContext(ctx, query, args...)
}

// flush sends what waits.
func (p *pipeline) flush(ctx context.Context) error {
	if len(p.pending) == 0 {
		return p.failed
	}
	_, err := p.send(ctx, p.pending)
	p.pending = nil
	if err != nil && p.failed == nil {
		p.failed = err // all of it waited, even when the connection failed it
	}
	return err
}

// commit sends what waits with COMMIT; a transaction that never reached the
// server has nothing to commit.
func (p *pipeline) commit(ctx context.Context) error {
	if !p.sent && len(p.pending) == 1 {
		p.pending = nil
		return nil
	}
	_, err := p.send(ctx, append(p.pending, pendingStmt{what: "commit", query: "COMMIT"}))
	p.pending = nil
	return err
}

// send runs stmts in one round trip. The first waiting write that fails is
// the transaction's cause (p.failed). (A connection that died while idle,
// as clients that give up mid-query leave behind, never reaches here:
// database/sql checks each as it hands it out, and TestAbandonedQueries…
// shows it.)
func (p *pipeline) send(ctx context.Context, stmts []pendingStmt) (tag pgconn.CommandTag, err error) {
	p.sent = true
	rawErr := p.conn.Raw(func(dc any) error {
		c := dc.(*stdlib.Conn).Conn()
		b := &pgx.Batch{}
		for _, s := range stmts {
			b.Queue(s.query, s.args...)
		}
		br := c.SendBatch(ctx, b)
		defer func() {
			if cerr := br.Close(); err == nil {
				err = cerr
			}
		}()
		for _, s := range stmts {
			if tag, err = br.Exec(); err != nil {
				if s.what != "" { // a waiting one, not the statement asked for now
					err = fmt.Errorf("%s: %w", s.what, classify(postgresDialect, err))
					if p.failed == nil {
						p.failed = err
					}
				}
				return nil
			}
		}
		return nil
	})
	if rawErr != nil {
		return tag, rawErr
	}
	return tag, err
}

// end rolls back what is left open and gives the connection back; one that
// cannot roll back is discarded.
func (p *pipeline) end() {
	var open bool
	_ = p.conn.Raw(func(dc any) error {
		open = dc.(*stdlib.Conn).Conn().PgConn().TxStatus() != 'I'
		return nil
	})
	if open {
		if _, err := p.conn.ExecContext(context.Background(), "ROLLBACK"); err != nil {
			_ = p.conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}
	_ = p.conn.Close()
}

// execResult is a statement's result sent in a batch: PostgreSQL has no
// last insert ID.
type execResult int64

func (r execResult) LastInsertId() (int64, error) {
	return 0, errors.New("LastInsertId is not supported by PostgreSQL")
}
func (r execResult) RowsAffected() (int64, error) { return int64(r), nil }
