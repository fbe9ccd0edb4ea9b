package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"registrar/integrations/sqlstore"
)

func cmdMigrate(ctx context.Context, cfg Config, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("registrar migrate", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(stdout, "Usage: registrar migrate\n\nApplies the database migrations that have not run yet.")
	}
	if helped, err := parseFlags(fs, args, stdout); helped || err != nil {
		return err
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	log.Info("database migrated", "dialect", db.Dialect())
	return nil
}

// openDB connects and applies migrations.
func openDB(ctx context.Context, cfg Config) (*sqlstore.DB, error) {
	db, err := sqlstore.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
