package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"
)

const slug = "bench"

func benchBaseline(ctx context.Context, o options, dir string) (result, error) {
	if _, err := os.Stat(o.baseline); err != nil {
		return result{}, errNoBinary
	}
	addr, err := freeAddr()
	if err != nil {
		return result{}, err
	}
	s, err := start(ctx, o.baseline, []string{"-addr", addr, "-db", filepath.Join(dir, "baseline.db")}, nil, addr, filepath.Join(dir, "baseline.log"))
	if err != nil {
		return result{}, err
	}
	defer s.stop()
	r := drive(ctx, o, s.base, slug, "b"+strconv.FormatInt(time.Now().UnixNano(), 36))
	r.label, r.rssKB = "baseline (SQLite)", s.peakRSS()
	return r, nil
}

// benchRegistrar drives `registrar serve` and then measures what the sign-ups
// left in the database once their emails were sent.
func benchRegistrar(ctx context.Context, o options, dir string) (result, storage, error) {
	if _, err := os.Stat(o.registrar); err != nil {
		return result{}, storage{}, errNoBinary
	}
	db, err := newBenchDB(ctx, o.databaseURL, dir)
	if err != nil {
		return result{}, storage{}, err
	}
	defer db.drop(context.WithoutCancel(ctx))
	mail := newMailFake()
	defer mail.Close()
	addr, err := freeAddr()
	if err != nil {
		return result{}, storage{}, err
	}
	env := []string{"REGISTRAR_DATABASE_URL=" + db.url, "REGISTRAR_ADDR=" + addr, "REGISTRAR_BASE_URL=http://" + addr,
		"REGISTRAR_SIGNUP_RATE_LIMIT=0", "REGISTRAR_LOG_LEVEL=warn",
		"REGISTRAR_MAILGUN_DOMAIN=" + mailDomain, "REGISTRAR_MAILGUN_API_KEY=bench-key", "REGISTRAR_MAILGUN_API_BASE=" + mail.URL}
	create := exec.CommandContext(ctx, o.registrar, "event", "create", "--slug", slug, "--title", "Bench Training",
		"--starts", "2030-05-04", "--ends", "2030-05-06", "--location", "Berlin", "--timezone", "Europe/Berlin",
		"--student-capacity", "10000", "--mentor-capacity", "1000")
	create.Env = append(os.Environ(), env...)
	if out, err := create.CombinedOutput(); err != nil {
		return result{}, storage{}, fmt.Errorf("event create: %w: %s", err, out)
	}
	before, err := db.size(ctx)
	if err != nil {
		return result{}, storage{}, err
	}
	s, err := start(ctx, o.registrar, []string{"serve"}, env, addr, filepath.Join(dir, "registrar.log"))
	if err != nil {
		return result{}, storage{}, err
	}
	r := drive(ctx, o, s.base, slug, "r"+strconv.FormatInt(time.Now().UnixNano(), 36))
	r.label, r.rssKB = "registrar ("+db.kind+")", s.peakRSS()

	st, err := db.waitSent(ctx, o.drain)
	s.stop()
	if err != nil {
		return r, st, err
	}
	after, err := db.size(ctx)
	if err != nil {
		return r, st, err
	}
	st.bytes = after - before
	st.how = db.how
	return r, st, nil
}
