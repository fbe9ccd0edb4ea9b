// Package sqlstore keeps Registrar's data in SQLite or PostgreSQL through
// database/sql, with one set of queries for both. It implements the
// workflows Store and the outbox queue the job runner drains.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"registrar/workflows"
)

// DB is an open database. On SQLite, writes go through one connection that
// commits concurrent transactions together (group commit) and reads through a
// pool of read-only connections, so a page never queues behind a sign-up; on
// PostgreSQL both go through the pgx pool.
type DB struct {
	db      *sql.DB // PostgreSQL: the pool; SQLite: migrations only (the writer holds its own connection)
	dialect dialect
	writer  *groupWriter  // SQLite
	readers *sql.DB       // SQLite
	pool    chan *conn    // SQLite: read-only connections, each with its prepared statements
	rebound *rebound      // PostgreSQL
	turns   chan struct{} // PostgreSQL: one per pool connection, taken in arrival order
	once    sync.Once
}

// pgPoolSize bounds the connections one instance holds on PostgreSQL.
const pgPoolSize = 16

// Open connects to the database named by rawURL: "sqlite:path/to/file.db"
// (the directory is created) or "postgres://…".
func Open(ctx context.Context, rawURL string) (*DB, error) {
	switch {
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		// pgx prepares each statement once per connection and reuses it
		// (its default statement cache), so PostgreSQL parses no SQL per request.
		db, err := sql.Open("pgx", rawURL)
		if err != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
		// Idle connections are kept up to the pool's size: database/sql's
		// default of two closed the rest after every burst, and each reopen
		// cost a server process, its caches and its prepared statements.
		db.SetMaxOpenConns(pgPoolSize)
		db.SetMaxIdleConns(pgPoolSize)
		db.SetConnMaxIdleTime(5 * time.Minute)
		if err := db.PingContext(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("connect to database %s: %w", redactURL(rawURL), err)
		}
		return &DB{db: db, dialect: postgresDialect, rebound: &rebound{d: postgresDialect},
			turns: make(chan struct{}, pgPoolSize)}, nil
	case strings.HasPrefix(rawURL, "sqlite:"):
		return openSQLite(ctx, strings.TrimPrefix(rawURL, "sqlite:"))
	default:
		return nil, fmt.Errorf("database URL %q: use sqlite:PATH or postgres://…", redactURL(rawURL))
	}
}

// readConns is the number of read-only SQLite connections: WAL lets them
// read while the writer writes.
func readConns() int { return max(4, runtime.NumCPU()) }

func openSQLite(ctx context.Context, path string) (_ *DB, err error) {
	path = strings.TrimPrefix(path, "//")
	if path == "" {
		return nil, errors.New("sqlite: empty path")
	}
	// The file holds personal data and sessions: the owner's only. SQLite
	// gives its -wal and -shm files the database file's mode.
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create database directory: %w", err)
		}
	}
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
		f.Close()
	} else if !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("create database file: %w", err)
	}
	dsn := func(pragmas ...string) string {
		q := url.Values{}
		// temp_store(MEMORY): the savepoints of group commit keep their undo pages in
		// memory rather than in a temporary file written on every change.
		// page_size(2048), for a new file only: group commit copies every page a
		// request first changes into its savepoint's undo journal, and every page
		// a commit changed goes to the WAL; a sign-up changes a page in each of
		// several indexes of random keys, so smaller pages copy half as much. It
		// gave about 7 % more sign-ups a second (5 runs of 6, make bench) for
		// 20 more bytes per sign-up at rest. An existing file keeps its pages:
		// WAL mode fixes the size.
		for _, p := range append([]string{"busy_timeout(10000)", "page_size(2048)", "foreign_keys(1)", "synchronous(NORMAL)", "temp_store(MEMORY)"}, pragmas...) {
			q.Add("_pragma", p)
		}
		// The driver runs the _pragma list sorted by name, so journal_mode
		// there would come before page_size and fix the size first; its own
		// key runs after the list.
		q.Set("_journal_mode", "WAL")
		q.Set("_txlock", "immediate") // take the write lock at BEGIN: no upgrade deadlocks
		return "file:" + path + "?" + q.Encode()
	}
	d := &DB{dialect: sqliteDialect}
	defer func() {
		if err != nil {
			d.Close()
		}
	}()
	// Two connections: the writer keeps one for good; migrations use the other.
	// Each keeps 8 MB of pages (SQLite's default is 2 MB): the indexes of
	// random keys (addresses, IDs, link hashes) made most of a sign-up's
	// page reads miss the cache and go to the file, about an eighth of the
	// writer's time under load; the readers keep 4 MB each.
	if d.db, err = sql.Open("sqlite", dsn("cache_size(-8000)")); err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	d.db.SetMaxOpenConns(2)
	d.db.SetConnMaxLifetime(0)
	w, err := d.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("connect to database %s: %w", path, err)
	}
	d.writer = newGroupWriter(newConn(w))
	if d.readers, err = sql.Open("sqlite", dsn("query_only(1)", "cache_size(-4000)")); err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	n := readConns()
	d.readers.SetMaxOpenConns(n)
	d.readers.SetMaxIdleConns(n)
	d.readers.SetConnMaxLifetime(0)
	d.pool = make(chan *conn, n)
	for range n {
		c, err := d.readers.Conn(ctx)
		if err != nil {
			return nil, fmt.Errorf("connect to database %s: %w", path, err)
		}
		d.pool <- newConn(c)
	}
	return d, nil
}

// redactURL drops the password from a database URL for messages.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	return u.Redacted()
}

// Close closes the database once the batch being written, if any, has
// committed.
func (d *DB) Close() error {
	var err error
	d.once.Do(func() {
		if d.writer != nil {
			err = errors.Join(err, d.writer.close())
		}
		if d.pool != nil {
			for range cap(d.pool) {
				select {
				case c := <-d.pool:
					err = errors.Join(err, c.close())
				default:
				}
			}
		}
		for _, db := range []*sql.DB{d.readers, d.db} {
			if db != nil {
				err = errors.Join(err, db.Close())
			}
		}
	})
	return err
}

// Ping reports whether the database answers.
func (d *DB) Ping(ctx context.Context) error {
	return d.view(ctx, func(t *tx) error {
		var one int
		return t.queryRow(ctx, `SELECT 1`).Scan(&one)
	})
}

// SQL is the connection pool, for sqlstoretest's helpers that check what is
// stored; the app itself goes through InTx.
func (d *DB) SQL() *sql.DB { return d.db }

// Dialect names the database in use: "sqlite" or "postgres".
func (d *DB) Dialect() string { return d.dialect.name }

// Migrate applies the embedded migrations that have not run yet.
func (d *DB) Migrate(ctx context.Context) error {
	p, err := d.provider()
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("apply migrations: %w", err)
	}
	return nil
}

// InTx runs fn in one transaction, committing when fn returns nil. On SQLite
// the transaction may share a commit with others running at the same time;
// InTx returns only once the commit holding fn's work is done.
func (d *DB) InTx(ctx context.Context, fn func(workflows.Tx) error) error {
	return d.inTx(ctx, func(t *tx) error { return fn(t.ports()) })
}

// View runs fn in a read-only transaction: it sees one consistent snapshot
// and never waits for writers. Writing in fn fails.
func (d *DB) View(ctx context.Context, fn func(workflows.Tx) error) error {
	return d.view(ctx, func(t *tx) error { return fn(t.ports()) })
}

// ports hands the one transaction to the use cases through every port.
func (t *tx) ports() workflows.Tx {
	return workflows.Tx{
		Events: t, People: t, Registrations: t, Tokens: t, Emails: t,
		Jobs: t, SignIns: t, Audit: t, Erasures: t, Webhooks: t,
		Pairings: t, Steps: t, CheckIns: t, Activity: t, Boards: t,
		Organizers: t,
		Reminders:  t, Sends: t, Preferences: t, Messages: t, Lists: t, Contents: t,
	}
}

func (d *DB) inTx(ctx context.Context, fn func(*tx) error) error {
	if d.writer != nil {
		return d.writer.run(ctx, fn)
	}
	return d.poolTx(ctx, false, fn)
}

func (d *DB) view(ctx context.Context, fn func(*tx) error) error {
	if d.pool == nil {
		return d.poolTx(ctx, true, fn)
	}
	var c *conn
	select {
	case c = <-d.pool:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { d.pool <- c }()
	return c.view(ctx, fn)
}

// poolTx runs fn in a transaction of the PostgreSQL pool.
func (d *DB) poolTx(ctx context.Context, readOnly bool, fn func(*tx) error) (err error) {
	// Transactions take their turns first come, first served: database/sql
	// hands a freed connection to a random waiter, and under load the
	// unlucky ones waited five times the median.
	select {
	case d.turns <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-d.turns }()
	p, err := beginPipeline(ctx, d.db, readOnly)
	if err != nil {
		return classify(d.dialect, fmt.Errorf("begin: %w", err))
	}
	defer p.end()
	if err = fn(&tx{q: p, d: d.dialect, rb: d.rebound}); err != nil {
		if p.failed != nil {
			return p.failed // a waiting write failed: the rest only saw the transaction aborted
		}
		return err
	}
	if err = p.commit(ctx); err != nil {
		if cerr := ctx.Err(); cerr != nil {
			// The connection closed when ctx ended: the caller gave up.
			return fmt.Errorf("commit: %w: %w", cerr, err)
		}
		return classify(d.dialect, err)
	}
	return nil
}

// mustAffect turns "no row changed" into NotFound.
func mustAffect(res sql.Result, what string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if n == 0 {
		return workflows.Errorf(workflows.NotFound, "%s: no such row", what)
	}
	return nil
}
