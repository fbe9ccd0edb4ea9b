package sqlstore

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"
)

// TestAbandonedQueriesLeaveNoDeadConnections: after clients give up on
// queries in flight, the next transactions still get live connections. When
// transactions began with database/sql's BeginTx, which gives up after three
// dead connections in a row, about one round in twenty answered "begin:
// driver: bad connection" (a 500 in the load test); database/sql's Conn,
// which transactions take now, ends with a new connection instead.
func TestAbandonedQueriesLeaveNoDeadConnections(t *testing.T) {
	url := os.Getenv("REGISTRAR_TEST_DATABASE_URL")
	if url == "" {
		t.Skip("PostgreSQL not configured: set REGISTRAR_TEST_DATABASE_URL")
	}
	d, err := Open(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	// A transaction's first round trip is a read before BEGIN (as a
	// sign-up's) or a write that carries BEGIN: both meet the dead ones.
	query := func(ctx context.Context, q string) error {
		return d.poolTx(ctx, false, func(tx *tx) error {
			var one int
			if err := tx.queryRowFirst(ctx, `SELECT 1`).Scan(&one); err != nil {
				return err
			}
			_, err := tx.exec(ctx, q)
			return err
		})
	}
	write := func(ctx context.Context, q string) error {
		return d.poolTx(ctx, false, func(tx *tx) error {
			_, err := tx.exec(ctx, q)
			return err
		})
	}
	const clients = 4 * pgPoolSize
	for round := range 30 {
		var abandoned sync.WaitGroup
		ctx, giveUp := context.WithCancel(t.Context())
		for range clients {
			abandoned.Go(func() { _ = query(ctx, `SELECT pg_sleep(0.05)`) })
		}
		time.Sleep(30 * time.Millisecond) // the pool's connections are mid-query
		giveUp()
		errs := make(chan error, 2*clients)
		var next sync.WaitGroup
		for range clients {
			next.Go(func() { errs <- query(t.Context(), `SELECT 1`) })
			next.Go(func() { errs <- write(t.Context(), `SELECT 1`) })
		}
		next.Wait()
		abandoned.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
	}
}
