package sqlstore_test

import (
	"strings"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
)

// TestAuditPagesUseIndexes checks with EXPLAIN (QUERY PLAN) that a page of
// the audit log, filtered or not, is read in order from an index ending in
// the paging key, from the newest down and from a cursor entry.
func TestAuditPagesUseIndexes(t *testing.T) {
	const page = ` ORDER BY a.created_at DESC, a.seq DESC, a.id DESC LIMIT 51`
	const after = ` AND (a.created_at, a.seq, a.id) < (SELECT c.created_at, c.seq, c.id FROM audit_log c WHERE c.id = 'x')`
	tests := []struct{ where, index string }{
		{`a.action <> 'sign_in'`, "audit_log_at"},
		{`a.action <> 'sign_in'` + after, "audit_log_at"},
		{`a.event_id = 'e'` + after, "audit_log_event_at"},
		{`a.actor_id = 'p'` + after, "audit_log_actor_at"},
		{`a.actor_kind = 'system'` + after, "audit_log_kind_at"},
		{`a.action = 'registration.accept'` + after, "audit_log_action_at"},
		{`a.person_id = 'p'`, "audit_log_person_at"},
	}
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		c, err := db.SQL().Conn(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		explain := "EXPLAIN QUERY PLAN "
		if db.Dialect() == "postgres" {
			explain = "EXPLAIN "
			// On near-empty tables PostgreSQL rightly prefers a scan, or a
			// bitmap and a sort: whether the index can give the order is the question.
			for _, off := range []string{"seqscan", "bitmapscan", "sort"} {
				if _, err := c.ExecContext(t.Context(), `SET enable_`+off+` = off`); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, tt := range tests {
			q := `SELECT a.id FROM audit_log a WHERE ` + tt.where + page
			plan := explainPlan(t, c, explain+q)
			if !strings.Contains(plan, tt.index) {
				t.Errorf("%s\nplan does not use %s:\n%s", q, tt.index, plan)
			}
			if db.Dialect() != "postgres" && strings.Contains(plan, "TEMP B-TREE") {
				t.Errorf("%s\nplan sorts instead of reading the index in order:\n%s", q, plan)
			}
			if db.Dialect() == "postgres" && strings.Contains(plan, "Sort") {
				t.Errorf("%s\nplan sorts instead of reading the index in order:\n%s", q, plan)
			}
		}
	})
}
