package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"registrar/web/emails"
	"registrar/workflows"
)

// schedule runs a reminder pass (and prunes expired links) now and then
// every a.SchedulerEvery until ctx ends. Every instance runs one: the send rows' unique key makes the
// passes of several instances send once.
func (a *App) schedule(ctx context.Context) {
	t := time.NewTicker(a.SchedulerEvery)
	defer t.Stop()
	var pruned time.Time
	for {
		passes, err := a.Reminders.Run(ctx, a.Clock.Now(), false)
		if err != nil && ctx.Err() == nil {
			a.Log.Error("reminder pass", "err", err)
		}
		for _, p := range passes {
			if p.Sent > 0 || p.Missed > 0 {
				a.Log.Info("reminders queued", "event", p.Event.Slug, "rule", p.Rule.Kind, "recipients", p.Sent, "missed", p.Missed, "batches", p.Batches)
			}
		}
		// Expired links go too, so the tokens table does not grow forever;
		// hourly is plenty (the pass scans the table).
		if now := a.Clock.Now(); now.Sub(pruned) >= time.Hour {
			pruned = now
			if n, err := a.DB.PruneTokens(ctx, now); err != nil && ctx.Err() == nil {
				a.Log.Error("prune expired links", "err", err)
			} else if n > 0 {
				a.Log.Info("expired links pruned", "count", n)
			}
		}
		// Sign-ups nobody confirmed in 7 days go, with their people when
		// nothing else remains of them.
		if n, err := a.Signups.ExpireUnconfirmed(ctx); err != nil && ctx.Err() == nil {
			a.Log.Error("expire unconfirmed sign-ups", "err", err)
		} else if n > 0 {
			a.Log.Info("unconfirmed sign-ups expired", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func cmdRemindersRun(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("registrar reminders run", flag.ContinueOnError)
	at := fs.String("at", "", "run the pass as of this time, RFC 3339 (default now), e.g. 2026-03-29T08:00:00Z")
	dry := fs.Bool("dry-run", false, "only count: write and send nothing")
	fs.Usage = func() {
		fmt.Fprintln(stdout, "Usage: registrar reminders run [--at RFC3339] [--dry-run]")
		fs.PrintDefaults()
	}
	if helped, err := parseFlags(fs, args, stdout); helped || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	now := time.Now().UTC()
	if *at != "" {
		t, err := time.Parse(time.RFC3339, *at)
		if err != nil {
			return usageError{fmt.Sprintf("--at %q: use RFC 3339, e.g. 2026-03-29T08:00:00Z", *at)}
		}
		now = t.UTC()
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	r := &workflows.Reminders{Store: db, Clock: workflows.ClockFunc(time.Now), Emails: emails.New(cfg.BaseURL), Links: links{cfg.BaseURL}}
	passes, err := r.Run(ctx, now, *dry)
	for _, p := range passes {
		state := ""
		if p.Rule.Paused {
			state = " (paused)"
		}
		fmt.Fprintf(stdout, "%-24s %-17s %5d recipients %4d missed %3d batches%s\n", p.Event.Slug, p.Rule.Kind, p.Sent, p.Missed, p.Batches, state)
	}
	if err != nil {
		return err
	}
	if *dry {
		fmt.Fprintf(stdout, "dry run as of %s: nothing written or sent\n", now.Format(time.RFC3339))
	}
	return nil
}
