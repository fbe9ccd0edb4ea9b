// Command loadgen is `make bench`'s sign-up load test over real HTTP: it
// starts the real server (bin/registrar) on a fresh database and the bare
// baseline (bin/signupbaseline) on a fresh SQLite file, drives each with
// unique sign-ups at a fixed concurrency after a warm-up, and prints
// throughput, latency, errors, peak RSS and the ratio of the two. It then
// waits for the confirmation emails to be sent (to an in-process Mailgun
// stand-in) and reports the bytes each sign-up leaves at rest.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

type options struct {
	registrar, baseline string
	databaseURL         string // PostgreSQL server to create a fresh database on; empty means SQLite
	concurrency         int
	duration, warmup    time.Duration
	drain               time.Duration // how long to wait for emails to be sent before measuring storage
	keep                bool          // keep the databases and logs, and say where
	sizes               bool          // print the bytes per sign-up of each table and index
}

func main() {
	var o options
	flag.StringVar(&o.registrar, "registrar", "bin/registrar", "the Registrar binary")
	flag.StringVar(&o.baseline, "baseline", "bin/signupbaseline", "the baseline binary (empty: skip)")
	flag.StringVar(&o.databaseURL, "postgres", "", "PostgreSQL URL of a server to bench on (a fresh database is created and dropped); empty: SQLite")
	flag.IntVar(&o.concurrency, "c", 64, "concurrent clients")
	flag.DurationVar(&o.duration, "d", 20*time.Second, "measured duration")
	flag.DurationVar(&o.warmup, "warmup", 3*time.Second, "warm-up before measuring")
	flag.DurationVar(&o.drain, "drain", 2*time.Minute, "longest wait for the emails before measuring storage")
	flag.BoolVar(&o.keep, "keep", false, "keep the databases and server logs (the directory is printed)")
	flag.BoolVar(&o.sizes, "sizes", false, "print each table's and index's bytes per sign-up at rest")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

// rounds interleaves the servers' measured stretches, so that both see the
// same machine: other work on it comes and goes.
const rounds = 4

func run(ctx context.Context, o options) error {
	dir, err := os.MkdirTemp("", "registrar-bench-")
	if err != nil {
		return err
	}
	if o.keep {
		fmt.Println("databases and logs kept in", dir)
	} else {
		defer os.RemoveAll(dir)
	}

	var servers []*running
	if o.baseline != "" {
		b, err := startBaseline(ctx, o, dir)
		if err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
		defer b.stop()
		servers = append(servers, b)
	}
	reg, err := startRegistrar(ctx, o, dir)
	if err != nil {
		return fmt.Errorf("registrar: %w", err)
	}
	servers = append(servers, reg)
	drivers := make([]*driver, len(servers))
	got := make([]samples, len(servers))
	for i, s := range servers {
		drivers[i] = newDriver(s.base, fmt.Sprintf("s%d-%d", i, time.Now().UnixNano()), o.concurrency)
		drivers[i].drive(ctx, o.concurrency, o.warmup)
		if s.settle != nil {
			if _, _, err := s.settle(ctx); err != nil {
				return fmt.Errorf("%s: %w", s.label, err)
			}
		}
	}
	for range rounds {
		for i, dr := range drivers {
			cpu := servers[i].cpuTime()
			s := dr.drive(ctx, o.concurrency, o.duration/rounds)
			if servers[i].settle != nil {
				// Its emails are sent before anything else runs: their
				// CPU is counted as the stretch's, and not taken from the
				// next server's stretch.
				if s.queued, s.settle, err = servers[i].settle(ctx); err != nil {
					return fmt.Errorf("%s: %w", servers[i].label, err)
				}
			}
			s.cpu = servers[i].cpuTime() - cpu
			got[i].add(s)
		}
	}
	results := make([]result, len(servers))
	for i, s := range servers {
		results[i] = got[i].result(s.label, s.peakRSS())
	}
	store, err := reg.stop()
	if err != nil {
		return fmt.Errorf("registrar: %w", err)
	}
	fmt.Printf("\nsign-ups over HTTP, c=%d, %s each after %s warm-up, in %d interleaved rounds\n", o.concurrency, o.duration, o.warmup, rounds)
	fmt.Printf("%-22s %10s %9s %9s %7s %9s %9s\n", "server", "req/s", "p50", "p99", "errors", "peak RSS", "CPU/req")
	for _, r := range results {
		r.print()
	}
	if len(results) == 2 && results[0].rate > 0 {
		fmt.Printf("ratio registrar/baseline: %.2f (%.2f counting the time to send its emails)\n",
			results[1].rate/results[0].rate, results[1].sustained/results[0].rate)
	}
	for _, r := range results {
		if r.queued > 0 {
			fmt.Printf("%s: %d emails still queued when its stretches ended, all sent %s later; counting that time, %.0f sign-ups/s\n",
				r.label, r.queued, r.settle.Round(100*time.Millisecond), r.sustained)
		}
	}
	if store.signups > 0 {
		fmt.Printf("storage at rest: %d sign-ups (emails sent: %d/%d), %.0f bytes per sign-up (%s)\n",
			store.signups, store.sent, store.emails, float64(store.bytes)/float64(store.signups), store.how)
		fmt.Printf("registrar CPU per sign-up over its whole run, its email sent included: %s\n",
			(store.cpu / time.Duration(store.signups)).Round(time.Microsecond))
		for _, r := range store.rels {
			if per := float64(r.bytes) / float64(store.signups); per >= 5 {
				fmt.Printf("  %-40s %7.0f bytes per sign-up\n", r.name, per)
			}
		}
	}
	return reportWarnings(os.Stdout, reg.log.Name())
}
