package sqlstore_test

import (
	"strconv"
	"strings"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestAuditActorsBackfill: lines written before actor_kind existed get the
// kind their action and actor say (migration 00063).
func TestAuditActorsBackfill(t *testing.T) {
	sqlstoretest.EachURL(t, func(t *testing.T, dbURL string) {
		db := migratedTo(t, dbURL, 62)
		rows := []struct{ id, actor, action, person, want string }{
			{"accept", "olga", "registration.accept", "ada", "organizer"},
			{"sign-in", "olga", "sign_in", "", "organizer"},
			{"own", "ada", "registration.withdraw_own", "ada", "person"},
			{"promote", "olga", "registration.promote", "bob", "system"},
			{"board", "", "registration.waitlist", "bob", "board"},
			{"cli", "", "organizer.add", "olga", "command_line"},
			{"erased", "", "event.update", "", "organizer"},
			{"check-in", "grace", "check_in.update", "ada", "person"},
		}
		stmts := []string{`INSERT INTO people (id, email, organizer, created_at) VALUES ('olga', 'olga@example.org', TRUE, 1)`,
			`INSERT INTO people (id, email, created_at) VALUES ('grace', 'grace@example.org', 1)`}
		for i, r := range rows {
			stmts = append(stmts, `INSERT INTO audit_log (id, created_at, actor_id, action, person_id, seq) VALUES ('`+
				r.id+`', 1, '`+r.actor+`', '`+r.action+`', '`+r.person+`', `+strconv.Itoa(i+1)+`)`)
		}
		for _, q := range stmts {
			if _, err := db.SQL().ExecContext(t.Context(), q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		must(t, db.Migrate(t.Context()))
		var got []workflows.AuditEntry
		must(t, db.View(t.Context(), func(tx workflows.Tx) (err error) {
			got, err = tx.Audit.AuditEntries(t.Context(), workflows.AuditFilter{Limit: 20})
			return err
		}))
		kinds := map[string]workflows.AuditActorKind{}
		for _, e := range got {
			kinds[e.ID] = e.ActorKind
		}
		for _, r := range rows {
			if kinds[r.id] != workflows.AuditActorKind(r.want) {
				t.Errorf("%s: actor kind %q, want %q", r.id, kinds[r.id], r.want)
			}
		}
	})
}

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
		// On near-empty tables PostgreSQL rightly prefers a scan, or a
		// bitmap and a sort: whether the index can give the order is the question.
		c, explain := planner(t, db, "seqscan", "bitmapscan", "sort")
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
