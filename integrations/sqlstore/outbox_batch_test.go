package sqlstore_test

import (
	"regexp"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestBatchStatementsSearchByKey checks with EXPLAIN that the outbox's batch
// statements find their rows by primary key, never by scanning a table that
// grows with every sign-up.
func TestBatchStatementsSearchByKey(t *testing.T) {
	const n = 4
	keys := func(pairs bool, version any) []any {
		var out []any
		for i := range n {
			k := string(rune('a' + i))
			out = append(out, k)
			if pairs {
				out = append(out, version)
			}
		}
		return out
	}
	args := map[string][]any{
		"emails to send": keys(false, nil),
		"mark sent":      append(append([]any{"sent", 1}, keys(true, "provider")...), keys(false, nil)...),
		"drop done":      append(append([]any{"mail.send", "token"}, keys(false, nil)...), keys(true, 1)...),
	}
	scan := regexp.MustCompile(`Seq Scan|(^|\n)\s*SCAN `)
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		c, explain := planner(t, db, "seqscan")
		for name, q := range db.BatchSQL(n) {
			plan := explainPlan(t, c, explain+q, args[name]...)
			if scan.MatchString(plan) {
				t.Errorf("%s scans a table:\n%s", name, plan)
			}
		}
	})
}

func TestMarkEmailsSentSaysWhenAnEmailIsGone(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		id := workflows.NewID()
		err := db.InTx(t.Context(), func(tx workflows.Tx) error {
			return tx.Emails.QueueEmail(t.Context(), workflows.Email{ID: id, Kind: workflows.EmailConfirmSignup, To: "ada@example.org",
				Subject: "Hello", HTML: "<p>Hi</p>", Text: "Hi", Status: workflows.EmailQueued, Created: now})
		})
		if err != nil {
			t.Fatal(err)
		}
		err = db.InTx(t.Context(), func(tx workflows.Tx) error {
			out, err := tx.Emails.EmailsToSend(t.Context(), []string{id, "gone"})
			if err != nil || len(out) != 1 || out[0].ID != id || out[0].HTML != "<p>Hi</p>" || out[0].Undeliverable || out[0].Complained {
				t.Errorf("emails to send = %+v, %v; want only %s, with its body", out, err, id)
			}
			return tx.Emails.MarkEmailsSent(t.Context(), []workflows.SentEmail{{ID: id, ProviderID: "p1"}, {ID: "gone", ProviderID: "p2"}}, now)
		})
		if workflows.KindOf(err) != workflows.NotFound {
			t.Fatalf("marking a gone email sent: %v, want NotFound", err)
		}
		emails, err := sqlstoretest.EmailsTo(t.Context(), db, "ada@example.org")
		if err != nil || emails[0].Status != workflows.EmailQueued || emails[0].HTML == "" {
			t.Fatalf("after the failed mark: %+v, %v; want it queued with its body (rolled back)", emails, err)
		}
	})
}
