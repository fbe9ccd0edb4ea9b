package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

const slug = "bench"

// running is a server under test.
type running struct {
	*server
	label string
	stop  func() (storage, error) // stops it; for Registrar, measures storage first
	// settle waits until the emails of the sign-ups so far are sent: how
	// many were still queued, and how long sending them took (Registrar).
	settle func(context.Context) (queued int, took time.Duration, err error)
}

func startBaseline(ctx context.Context, o options, dir string) (*running, error) {
	if _, err := os.Stat(o.baseline); err != nil {
		return nil, errNoBinary
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	s, err := start(ctx, o.baseline, []string{"-addr", addr, "-db", filepath.Join(dir, "baseline.db")}, nil, addr, filepath.Join(dir, "baseline.log"))
	if err != nil {
		return nil, err
	}
	return &running{server: s, label: "baseline (SQLite)", stop: func() (storage, error) { s.stop(); return storage{}, nil }}, nil
}

// startRegistrar runs `registrar serve` on a fresh database; stopping it waits
// for the emails to be sent and measures what the sign-ups left behind.
func startRegistrar(ctx context.Context, o options, dir string) (*running, error) {
	if _, err := os.Stat(o.registrar); err != nil {
		return nil, errNoBinary
	}
	db, err := newBenchDB(ctx, o.databaseURL, dir)
	if err != nil {
		return nil, err
	}
	mail := newMailFake()
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	env := []string{"REGISTRAR_DATABASE_URL=" + db.url, "REGISTRAR_ADDR=" + addr, "REGISTRAR_BASE_URL=http://" + addr,
		"REGISTRAR_SIGNUP_RATE_LIMIT=0", "REGISTRAR_LOG_LEVEL=warn",
		"REGISTRAR_MAILGUN_DOMAIN=" + mailDomain, "REGISTRAR_MAILGUN_API_KEY=bench-key", "REGISTRAR_MAILGUN_API_BASE=" + mail.URL}
	cleanup := func() {
		mail.Close()
		if o.keep && db.kind != "SQLite" {
			fmt.Println("PostgreSQL database kept:", db.url)
			return
		}
		db.drop(context.WithoutCancel(ctx))
	}
	create := exec.CommandContext(ctx, o.registrar, "event", "create", "--slug", slug, "--title", "Bench Training",
		"--starts", "2030-05-04", "--ends", "2030-05-06", "--location", "Berlin", "--timezone", "Europe/Berlin",
		"--student-capacity", "10000", "--mentor-capacity", "1000")
	create.Env = append(os.Environ(), env...)
	if out, err := create.CombinedOutput(); err != nil {
		cleanup()
		return nil, fmt.Errorf("event create: %w: %s", err, out)
	}
	before, err := db.size(ctx)
	if err != nil {
		cleanup()
		return nil, err
	}
	s, err := start(ctx, o.registrar, []string{"serve"}, env, addr, filepath.Join(dir, "registrar.log"))
	if err != nil {
		cleanup()
		return nil, err
	}
	settle := func(ctx context.Context) (int, time.Duration, error) {
		st, err := db.waitSent(ctx, o.drain)
		if err == nil && st.sent < st.emails {
			err = fmt.Errorf("%d emails still queued after %s", st.emails-st.sent, o.drain)
		}
		return st.queuedAtEnd, st.drained, err
	}
	return &running{server: s, label: "registrar (" + db.kind + ")", settle: settle, stop: func() (storage, error) {
		defer cleanup()
		st, err := db.waitSent(ctx, o.drain)
		s.stop()
		if ps := s.cmd.ProcessState; ps != nil {
			st.cpu = ps.UserTime() + ps.SystemTime()
		}
		if err != nil {
			return st, err
		}
		after, err := db.size(ctx)
		st.bytes, st.how = after-before, db.how
		if err == nil && o.sizes {
			st.rels, err = db.breakdown(ctx)
		}
		return st, err
	}}, nil
}
