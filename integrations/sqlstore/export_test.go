package sqlstore

import (
	"context"
	"fmt"
)

// MigrateTo applies the migrations up to version, so a test can put rows in
// place before a later migration runs over them.
func MigrateTo(ctx context.Context, rawURL string, version int64) (*DB, error) {
	d, err := Open(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	p, err := d.provider()
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		d.Close()
		return nil, fmt.Errorf("migrate to %d: %w", version, err)
	}
	return d, nil
}

// MigrateDownTo rolls the migrations back to version.
func (d *DB) MigrateDownTo(ctx context.Context, version int64) error {
	p, err := d.provider()
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	if _, err := p.DownTo(ctx, version); err != nil {
		return fmt.Errorf("migrate down to %d: %w", version, err)
	}
	return nil
}

// BatchSQL are the outbox's batch statements for n rows, in the dialect of
// d, for the EXPLAIN tests.
func (d *DB) BatchSQL(n int) map[string]string {
	return map[string]string{"emails to send": d.dialect.rebind(emailsToSendSQL(n)),
		"mark sent": d.dialect.rebind(markSentSQL(n)), "drop done": d.dialect.rebind(dropDoneSQL(n))}
}
