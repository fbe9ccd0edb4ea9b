package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"registrar/workflows"
)

func cmdAdminAdd(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("registrar admin add", flag.ContinueOnError)
	name := fs.String("name", "", "the person's name, as pages show it (default: the part of the address before @)")
	fs.Usage = func() {
		fmt.Fprintln(stdout, "Usage: registrar admin add EMAIL [--name NAME]\n\nMakes EMAIL an organizer (creating the person if needed) and prints a one-time sign-in link valid for 15 minutes.")
		fs.PrintDefaults()
	}
	if helped, err := parseFlags(fs, args, stdout); helped || err != nil {
		return err
	}
	email := fs.Arg(0)
	if fs.NArg() > 1 { // flags may follow the address too
		if helped, err := parseFlags(fs, fs.Args()[1:], stdout); helped || err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return usageError{"give exactly one email address: registrar admin add ada@example.org --name \"Ada Lovelace\""}
		}
	}
	if email == "" {
		return usageError{"give exactly one email address: registrar admin add ada@example.org --name \"Ada Lovelace\""}
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	orgs := &workflows.Organizers{Store: db, Clock: workflows.ClockFunc(time.Now), Links: links{cfg.BaseURL}}
	link, err := orgs.AddNamed(ctx, email, *name)
	if fields := workflows.FieldErrors(err); fields != nil {
		return usageError{fieldProblems(fields)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s is an organizer. Sign in within 15 minutes with this one-time link:\n%s\n", workflows.NormalizeEmail(email), link)
	return nil
}
