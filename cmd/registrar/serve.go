package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"runtime/debug"
	"time"

	"registrar/workflows"
)

// serveGCPercent lets the heap grow to three times what is live before a
// collection (Go's default is twice): the sign-up load makes much short-lived
// garbage, and with the default the collector cost a fifth of the server's
// CPU: `make bench` did 1,560-1,640 sign-ups/s at GOGC=100 and 1,970 at 200,
// peak RSS 64 -> 71 MB. GOGC in the environment wins.
const serveGCPercent = 200

func cmdServe(ctx context.Context, cfg Config, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("registrar serve", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(stdout, "Usage: registrar serve\n\nServes the web application on REGISTRAR_ADDR and runs the outbox workers. Migrations are applied first.")
	}
	if helped, err := parseFlags(fs, args, stdout); helped || err != nil {
		return err
	}
	if !cfg.GOGCSet {
		debug.SetGCPercent(serveGCPercent)
	}
	app, err := NewApp(ctx, cfg, log, workflows.ClockFunc(time.Now), AppOptions{})
	if err != nil {
		return err
	}
	defer app.Close()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s (REGISTRAR_ADDR): %w", cfg.Addr, err)
	}
	log.Info("registrar serving", "addr", ln.Addr().String(), "base_url", cfg.BaseURL, "database", app.DB.Dialect())
	if !cfg.Mailgun.Enabled() {
		log.Info("email is not sent: it lands in the dev mailbox", "url", cfg.BaseURL+"/dev/mailbox")
	}
	return app.Serve(ctx, ln)
}
