package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

func TestReportWarnings(t *testing.T) {
	tests := []struct {
		name, log, want string
	}{
		{"quiet run", "", ""},
		{"two warnings", "level=WARN msg=\"job failed, will retry\" job_key=a\nlevel=ERROR msg=\"job runner\"\n",
			"registrar logged 2 warnings and errors, first:\n  level=WARN msg=\"job failed, will retry\" job_key=a\n  level=ERROR msg=\"job runner\"\n"},
		{"long line cut", strings.Repeat("x", 400) + "\n",
			"registrar logged 1 warnings and errors, first:\n  " + strings.Repeat("x", 300) + "…\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "registrar.log")
			if err := os.WriteFile(path, []byte(tt.log), 0o600); err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			if err := reportWarnings(&out, path); err != nil || out.String() != tt.want {
				t.Errorf("printed %q, %v; want %q", out.String(), err, tt.want)
			}
		})
	}
}

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
