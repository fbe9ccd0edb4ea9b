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
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"registrar/migrations"
	"registrar/workflows"
)

// DB is an open database.
type DB struct {
	db      *sql.DB
	dialect dialect
}

// Open connects to the database named by rawURL: "sqlite:path/to/file.db"
// (the directory is created) or "postgres://…".
func Open(ctx context.Context, rawURL string) (*DB, error) {
	var (
		d   dialect
		db  *sql.DB
		err error
	)
	switch {
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		d = postgresDialect
		db, err = sql.Open("pgx", rawURL)
		if err == nil {
			db.SetMaxOpenConns(16)
			db.SetConnMaxIdleTime(5 * time.Minute)
		}
	case strings.HasPrefix(rawURL, "sqlite:"):
		d = sqliteDialect
		db, err = openSQLite(strings.TrimPrefix(rawURL, "sqlite:"))
	default:
		return nil, fmt.Errorf("database URL %q: use sqlite:PATH or postgres://…", redactURL(rawURL))
	}
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to database %s: %w", redactURL(rawURL), err)
	}
	return &DB{db: db, dialect: d}, nil
}

func openSQLite(path string) (*sql.DB, error) {
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
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate") // take the write lock at BEGIN: no upgrade deadlocks
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	// One connection is the single writer; it also serialises capacity checks.
	db.SetMaxOpenConns(1)
	db.SetConnMaxLifetime(0)
	return db, nil
}

// redactURL drops the password from a database URL for messages.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	return u.Redacted()
}

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// Ping reports whether the database answers.
func (d *DB) Ping(ctx context.Context) error { return d.db.PingContext(ctx) }

// SQL is the connection pool, for sqlstoretest's helpers that check what is
// stored; the app itself goes through InTx.
func (d *DB) SQL() *sql.DB { return d.db }

// Dialect names the database in use: "sqlite" or "postgres".
func (d *DB) Dialect() string { return d.dialect.name }

// Migrate applies the embedded migrations that have not run yet.
func (d *DB) Migrate(ctx context.Context) error {
	gd := goose.DialectSQLite3
	if d.dialect == postgresDialect {
		gd = goose.DialectPostgres
	}
	p, err := goose.NewProvider(gd, d.db, migrations.FS)
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("apply migrations: %w", err)
	}
	return nil
}

// InTx runs fn in one transaction, committing when fn returns nil.
func (d *DB) InTx(ctx context.Context, fn func(workflows.Tx) error) error {
	return d.inTx(ctx, func(t *tx) error { return fn(t.ports()) })
}

// ports hands the one transaction to the use cases through every port.
func (t *tx) ports() workflows.Tx {
	return workflows.Tx{
		Events: t, People: t, Registrations: t, Tokens: t, Emails: t,
		Jobs: t, SignIns: t, Audit: t, Erasures: t, Webhooks: t,
		Pairings: t, Steps: t, CheckIns: t, Activity: t,
		Organizers: t,
		Reminders:  t, Sends: t, Preferences: t,
	}
}

func (d *DB) inTx(ctx context.Context, fn func(*tx) error) (err error) {
	sqlTx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(d.dialect, fmt.Errorf("begin: %w", err))
	}
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = sqlTx.Rollback()
		}
	}()
	if err = fn(&tx{tx: sqlTx, d: d.dialect}); err != nil {
		return err
	}
	if err = sqlTx.Commit(); err != nil {
		return classify(d.dialect, fmt.Errorf("commit: %w", err))
	}
	return nil
}

// tx is one transaction; every query goes through its helpers so the
// placeholders are rebound for the dialect in one place.
type tx struct {
	tx *sql.Tx
	d  dialect
}

func (t *tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := t.tx.ExecContext(ctx, t.d.rebind(query), args...)
	return res, classify(t.d, err)
}

func (t *tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := t.tx.QueryContext(ctx, t.d.rebind(query), args...)
	return rows, classify(t.d, err)
}

func (t *tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.d.rebind(query), args...)
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
