package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

func TestDescribeQueue(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		now := time.Now()
		if err := db.InTx(t.Context(), func(tx workflows.Tx) error {
			for i, at := range []time.Time{now.Add(-time.Second), now.Add(time.Hour)} {
				if err := tx.Jobs.Enqueue(t.Context(), workflows.JobSendEmail, fmt.Sprint("email", i), at); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Claim(t.Context(), workflows.JobSendEmail, 10, now, time.Minute); err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		describeQueue(t.Context(), &out, db.SQL(), 2)
		want := "slow drain: 2 emails still queued after 15s; send jobs: 2, 1 leased to a worker, 1 due later, 0 tried before\n"
		if out.String() != want {
			t.Errorf("printed %q, want %q", out.String(), want)
		}
	})
}
