package sqlstore_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestQueriesUseIndexes checks with EXPLAIN (QUERY PLAN) that the hot and
// per-person lookups use their index, not a scan of the table. PostgreSQL is
// told to avoid sequential scans: on near-empty tables it would rightly
// prefer them.
func TestQueriesUseIndexes(t *testing.T) {
	tests := []struct{ query, index string }{
		{`SELECT id FROM registrations WHERE person_id = 'p'`, "registrations_person"},
		{`SELECT id FROM registrations WHERE event_id = 'e' AND (created_at, id) > (1, 'r') ORDER BY created_at, id LIMIT 50`, "registrations_event_created"},
		// The admin list's other sort orders (migrations 00043 and 00064).
		{`SELECT id FROM registrations WHERE event_id = 'e' AND (sort_name, id) > ('ada', 'r') ORDER BY sort_name, id LIMIT 50`, "registrations_event_name"},
		{`SELECT id FROM registrations WHERE event_id = 'e' AND status = 'accepted' AND (created_at, id) > (1, 'r') ORDER BY created_at, id LIMIT 50`, "registrations_event_status"},
		{`SELECT kind, job_key FROM jobs WHERE kind = 'mail.send' AND state = 'queued' AND run_at <= 5 AND lease_until <= 5 ORDER BY run_at LIMIT 10`, "jobs_kind_due"},
		{`SELECT kind FROM jobs WHERE job_key = 'k'`, "jobs_key"},
		// Partial indexes an email's job stays out of (00076): the problem
		// jobs, newest first, and a card's job by the card's ID.
		{`SELECT j.kind FROM jobs j WHERE (j.failures > 0 OR j.state = 'failed') AND j.state IN ('failed', 'queued') ORDER BY j.updated_at DESC, j.kind, j.job_key LIMIT 20`, "jobs_problems"},
		{`SELECT job_key FROM jobs WHERE kind = 'trello.card' AND external_id = 'c' AND external_id <> ''`, "jobs_external"},
		{`SELECT hash FROM tokens WHERE registration_id = 'r'`, "tokens_registration"},
		{`SELECT hash FROM tokens WHERE person_id = 'p'`, "tokens_person"},
		// The waitlist, in order, from the partial index of waitlisted rows (00071).
		{`SELECT r.id FROM registrations r WHERE r.event_id = 'e' AND r.role = 'student' AND r.status = 'waitlisted' ORDER BY r.waitlisted_at, r.created_at, r.id`, "registrations_queue"},
		{`SELECT id FROM outbound_emails WHERE to_addr = 'a@example.org'`, "outbound_emails_to"},
		{`SELECT week, kind, COUNT(*) FROM activity WHERE event_id = 'e' GROUP BY week, kind ORDER BY week, kind`, "activity_event_covering"},
		{`SELECT registration_id, MAX(at) FROM activity WHERE event_id = 'e' GROUP BY registration_id`, "activity_event_covering"},
	}
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		c, explain := planner(t, db, "seqscan")
		for _, tt := range tests {
			plan := explainPlan(t, c, explain+tt.query)
			if !strings.Contains(plan, tt.index) {
				t.Errorf("%s\nplan does not use %s:\n%s", tt.query, tt.index, plan)
			}
		}
	})
}

// planner opens a connection of db for EXPLAIN and returns it with the
// dialect's EXPLAIN prefix; on PostgreSQL it turns the plans named off
// (enable_<off>), since on near-empty tables a scan rightly wins.
func planner(t *testing.T, db *sqlstore.DB, off ...string) (*sql.Conn, string) {
	t.Helper()
	c, err := db.SQL().Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if db.Dialect() != "postgres" {
		return c, "EXPLAIN QUERY PLAN "
	}
	for _, o := range off {
		if _, err := c.ExecContext(t.Context(), `SET enable_`+o+` = off`); err != nil {
			t.Fatal(err)
		}
	}
	return c, "EXPLAIN "
}

func explainPlan(t *testing.T, c *sql.Conn, q string, args ...any) string {
	t.Helper()
	rows, err := c.QueryContext(t.Context(), q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			if s, ok := v.(string); ok {
				b.WriteString(s + " ")
			} else if bs, ok := v.([]byte); ok {
				b.Write(append(bs, ' '))
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestPruneTokens keeps live links, links expired within the grace period
// and used confirmation links (their use orders the waitlist).
func TestPruneTokens(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		now := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
		old := now.Add(-sqlstore.TokenGrace - time.Hour)
		p := workflows.Person{ID: workflows.NewID(), Email: "ada@example.org", Name: "Ada", Timezone: "UTC", Created: old}
		tokens := map[string]workflows.Token{
			"live":             {Hash: "h-live", Purpose: workflows.TokenLogin, Expires: now.Add(time.Minute)},
			"in grace":         {Hash: "h-grace", Purpose: workflows.TokenConfirm, Expires: now.Add(-time.Hour)},
			"old unused":       {Hash: "h-old", Purpose: workflows.TokenConfirm, Expires: old},
			"old used login":   {Hash: "h-login", Purpose: workflows.TokenLogin, Expires: old, Used: old},
			"old used confirm": {Hash: "h-confirm", Purpose: workflows.TokenConfirm, Expires: old, Used: old},
		}
		err := db.InTx(ctx, func(tx workflows.Tx) error {
			if err := tx.People.CreatePerson(ctx, p); err != nil {
				return err
			}
			for _, tk := range tokens {
				tk.PersonID, tk.Created = p.ID, old
				if err := tx.Tokens.CreateToken(ctx, tk); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		n, err := db.PruneTokens(ctx, now)
		if err != nil || n != 2 {
			t.Fatalf("pruned %d, %v; want 2", n, err)
		}
		for name, tk := range tokens {
			err := db.InTx(ctx, func(tx workflows.Tx) error { // TokenByHash locks the row
				_, err := tx.Tokens.TokenByHash(ctx, tk.Purpose, tk.Hash)
				return err
			})
			gone := name == "old unused" || name == "old used login"
			if gone != (workflows.KindOf(err) == workflows.NotFound) {
				t.Errorf("%s: after pruning err = %v", name, err)
			}
		}
	})
}
