package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// run is main without the process: tests call it with their own environment.
func run(ctx context.Context, args, environ []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		if len(args) == 0 {
			return usageError{"name a command"}
		}
		return nil
	}
	cfg, err := LoadConfig(environ)
	if err != nil {
		return err
	}
	log := newLogger(stderr, cfg.LogLevel)
	cmd, rest := args[0], args[1:]
	switch {
	case cmd == "serve":
		return cmdServe(ctx, cfg, log, rest, stdout)
	case cmd == "migrate":
		return cmdMigrate(ctx, cfg, log, rest, stdout)
	case cmd == "event" && len(rest) > 0 && rest[0] == "create":
		return cmdEventCreate(ctx, cfg, rest[1:], stdout, stderr)
	case cmd == "admin" && len(rest) > 0 && rest[0] == "add":
		return cmdAdminAdd(ctx, cfg, rest[1:], stdout)
	case cmd == "reminders" && len(rest) > 0 && rest[0] == "run":
		return cmdRemindersRun(ctx, cfg, rest[1:], stdout)
	case cmd == "trello" && len(rest) > 0 && rest[0] == "register-webhook":
		return cmdTrelloRegisterWebhook(ctx, cfg, rest[1:], stdout)
	}
	return usageError{fmt.Sprintf("unknown command %q: run registrar --help", strings.Join(args[:min(2, len(args))], " "))}
}

const usage = `Registrar runs contributor-training programmes: sign-up, confirmation, mentoring.

Usage:
  registrar serve                 serve the web application (applies migrations first)
  registrar migrate               apply database migrations
  registrar event create …        create a training event (registrar event create --help)
  registrar admin add EMAIL [--name NAME]
                                  make EMAIL an organizer and print a one-time sign-in link
  registrar reminders run [--at RFC3339] [--dry-run]
                                  one scheduler pass as of a time: one line per rule
  registrar trello register-webhook
                                  have Trello post card moves to REGISTRAR_BASE_URL/webhooks/trello

Configuration comes from REGISTRAR_* environment variables (see README.md).
`

// parseFlags parses a command's flags; --help prints usage and is not an error.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) (helped bool, err error) {
	fs.SetOutput(stdout)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return false, usageError{err.Error()}
	}
	return false, nil
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}
