// Command signupbaseline is the yardstick of `make bench`: the least a Go
// server can do for a sign-up — net/http, parse the form, one INSERT on
// SQLite with Registrar's settings (WAL, 2 KB pages, synchronous=NORMAL, busy
// timeout, one writer connection, the statement prepared once) and a 303. The bench
// reports Registrar's throughput as a ratio of this one's, measured in the
// same run on the same machine.
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

	_ "modernc.org/sqlite"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8090", "address to listen on")
	path := flag.String("db", "baseline.db", "SQLite file")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *addr, *path); err != nil {
		fmt.Fprintln(os.Stderr, "signupbaseline:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, addr, path string) error {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "page_size(2048)", "foreign_keys(1)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_journal_mode", "WAL") // after the pragmas, so the page size is set first
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return fmt.Errorf("open: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS signups (
		id TEXT PRIMARY KEY, event TEXT NOT NULL, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
		timezone TEXT NOT NULL, answers TEXT NOT NULL, created_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("create table: %w", err)
	}
	insert, err := db.PrepareContext(ctx, `INSERT INTO signups (id, event, email, name, timezone, answers, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("prepare: %w", err)
	}
	defer insert.Close()

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	mux.HandleFunc("POST /events/{slug}/students", func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
		if err := r.ParseForm(); err != nil || r.PostForm.Get("email") == "" || r.PostForm.Get("name") == "" {
			http.Error(w, "bad form", http.StatusUnprocessableEntity)
			return
		}
		f := r.PostForm
		answers := f.Get("project") + "\n" + f.Get("experience") + "\n" + f.Get("goals")
		if _, err := insert.ExecContext(r.Context(), newID(), r.PathValue("slug"), f.Get("email"), f.Get("name"),
			f.Get("timezone"), answers, time.Now().UnixMicro()); err != nil {
			slog.Error("insert", "err", err)
			http.Error(w, "insert failed", http.StatusInternalServerError)
			return
		}
		http.Redirect(w, r, "/events/"+r.PathValue("slug")+"/check-email", http.StatusSeeOther)
	})
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		return err
	}
	return nil
}

func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
