package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"registrar/workflows"
)

// storage is what the sign-ups left in the database.
type storage struct {
	signups, emails, sent int
	queuedAtEnd           int           // emails not yet sent when the last stretch ended
	drained               time.Duration // how long sending those took
	bytes                 int64
	how                   string
	cpu                   time.Duration // the server's, from start to exit
	rels                  []relSize     // with -sizes
}

// benchDB is the fresh database the server runs on.
type benchDB struct {
	kind, url, how string
	open           func() (*sql.DB, error)
	drop           func(context.Context)
}

func newBenchDB(ctx context.Context, pgURL, dir string) (*benchDB, error) {
	if pgURL == "" {
		path := filepath.Join(dir, "registrar.db")
		return &benchDB{kind: "SQLite", url: "sqlite:" + path, how: "SQLite pages in use, after the server closed",
			open: func() (*sql.DB, error) { return sql.Open("sqlite", "file:"+path) },
			drop: func(context.Context) {}}, nil
	}
	admin, err := sql.Open("pgx", pgURL)
	if err != nil {
		return nil, err
	}
	name := "registrar_bench_" + strconv.FormatInt(time.Now().UnixNano(), 36)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		return nil, fmt.Errorf("create database: %w", err)
	}
	u, err := url.Parse(pgURL)
	if err != nil {
		admin.Close()
		return nil, err
	}
	u.Path = "/" + name
	return &benchDB{kind: "PostgreSQL", url: u.String(), how: "PostgreSQL tables, indexes and TOAST after VACUUM FULL",
		open: func() (*sql.DB, error) { return sql.Open("pgx", u.String()) },
		drop: func(ctx context.Context) {
			_, _ = admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			admin.Close()
		}}, nil
}

// waitSent waits until no email is queued any more, up to limit.
func (b *benchDB) waitSent(ctx context.Context, limit time.Duration) (storage, error) {
	db, err := b.open()
	if err != nil {
		return storage{}, err
	}
	defer db.Close()
	began := time.Now()
	deadline := began.Add(limit)
	queuedAtEnd := -1
	reported := false
	for {
		var st storage
		err := db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM registrations), (SELECT COUNT(*) FROM outbound_emails),
			(SELECT COUNT(*) FROM outbound_emails WHERE status <> 'queued')`).Scan(&st.signups, &st.emails, &st.sent)
		if err != nil {
			return st, fmt.Errorf("count emails: %w", err)
		}
		if queuedAtEnd < 0 {
			queuedAtEnd = st.emails - st.sent
		}
		if st.sent == st.emails || time.Now().After(deadline) {
			st.queuedAtEnd, st.drained = queuedAtEnd, time.Since(began)
			return st, nil
		}
		if !reported && time.Since(began) > slowDrain {
			reported = true
			describeQueue(ctx, os.Stdout, db, st.emails-st.sent)
		}
		select {
		case <-ctx.Done():
			return st, ctx.Err()
		// Often enough that the time to send a stretch's emails, which
		// counts against the sign-ups per second, is not rounded up by much.
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// size is the bytes the data takes at rest.
func (b *benchDB) size(ctx context.Context) (int64, error) {
	db, err := b.open()
	if err != nil {
		return 0, err
	}
	defer db.Close()
	if b.kind == "SQLite" {
		var pages, free, size int64
		err := db.QueryRowContext(ctx, `SELECT (SELECT page_count FROM pragma_page_count), (SELECT freelist_count FROM pragma_freelist_count),
			(SELECT page_size FROM pragma_page_size)`).Scan(&pages, &free, &size)
		return (pages - free) * size, err
	}
	if _, err := db.ExecContext(ctx, "VACUUM FULL"); err != nil {
		return 0, fmt.Errorf("vacuum: %w", err)
	}
	var n int64
	err = db.QueryRowContext(ctx, `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public'`).Scan(&n)
	return n, err
}

// breakdown is the bytes each table (with its indexes) or index takes, largest
// first, for -sizes.
func (b *benchDB) breakdown(ctx context.Context) ([]relSize, error) {
	db, err := b.open()
	if err != nil {
		return nil, err
	}
	defer db.Close()
	q := `SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC`
	if b.kind != "SQLite" {
		q = `SELECT c.relname, pg_relation_size(c.oid) + COALESCE(pg_total_relation_size(c.reltoastrelid), 0) FROM pg_class c
			JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'i') AND n.nspname = 'public' ORDER BY 2 DESC`
	}
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("sizes: %w", err)
	}
	defer rows.Close()
	var out []relSize
	for rows.Next() {
		var r relSize
		if err := rows.Scan(&r.name, &r.bytes); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

type relSize struct {
	name  string
	bytes int64
}

// slowDrain is how long sending a stretch's emails usually takes, several
// times over: one PostgreSQL run took two minutes and logged nothing.
const slowDrain = 15 * time.Second

// describeQueue prints where the emails still queued stand: their send jobs
// leased to a worker, waiting for a retry, or due and unclaimed.
func describeQueue(ctx context.Context, out io.Writer, db *sql.DB, queued int) {
	now := time.Now().UnixMicro()
	var jobs, leased, later, retried int
	err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT COUNT(*),
		COALESCE(SUM(CASE WHEN lease_until > %[1]d THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN run_at > %[1]d THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN attempts > 1 THEN 1 ELSE 0 END), 0)
		FROM jobs WHERE kind = '%[2]s'`, now, workflows.JobSendEmail)).Scan(&jobs, &leased, &later, &retried)
	if err != nil {
		fmt.Fprintf(out, "slow drain: %d emails still queued after %s; reading their jobs: %v\n", queued, slowDrain, err)
		return
	}
	fmt.Fprintf(out, "slow drain: %d emails still queued after %s; send jobs: %d, %d leased to a worker, %d due later, %d tried before\n",
		queued, slowDrain, jobs, leased, later, retried)
}
