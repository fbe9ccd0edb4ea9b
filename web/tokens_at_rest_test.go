package web_test

import (
	"net/http"
	"strings"
	"testing"

	"registrar/integrations/devmail"
	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

// TestNoLiveTokenAtRest: one organizer asks for a sign-in link for another.
// The link is in no export and no admin page, and once the email is handed
// over for delivery (here the dev mailbox, which keeps its copy) no other
// table holds it; the email's record (who, kind, when, provider ID, status)
// stays, and the link still works.
func TestNoLiveTokenAtRest(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		olga := app.signInOrganizer(t, "olga@example.org")
		app.addOrganizer(t, "oscar@example.org")
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		link := app.requestLogin(t, app.client(), "oscar@example.org")
		confirm := app.confirmPath(t, "ada@example.org")
		tokens := []string{strings.TrimPrefix(link, "/login/"), strings.TrimPrefix(confirm, "/confirm/")}
		oscar, ada := app.personID(t, "oscar@example.org"), app.personID(t, "ada@example.org")
		for _, path := range []string{"/admin/people/" + oscar, "/admin/people/" + oscar + "/export.json",
			"/admin/people/" + ada, "/admin/people/" + ada + "/export.json", "/admin", "/admin/audit"} {
			w := olga.get(t, path)
			for _, tok := range tokens {
				if w.Code != http.StatusOK || strings.Contains(w.Body.String(), tok) {
					t.Errorf("GET %s: status %d, holds a live token: %v", path, w.Code, strings.Contains(w.Body.String(), tok))
				}
			}
		}

		delivery := &workflows.Delivery{Store: db, Mailer: &devmail.Mailer{Store: db, Clock: app.clock}, Clock: app.clock, Emails: testEmails()}
		for _, addr := range []string{"oscar@example.org", "ada@example.org"} {
			emails, err := sqlstoretest.EmailsTo(t.Context(), db, addr)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range emails {
				if _, err := workflowstest.Deliver(t.Context(), delivery, workflows.JobRef{Kind: workflows.JobSendEmail, Key: e.ID, Attempt: 1}); err != nil {
					t.Fatal(err)
				}
			}
		}
		dump, err := sqlstoretest.Dump(t.Context(), db)
		if err != nil {
			t.Fatal(err)
		}
		for table, rows := range dump {
			for _, row := range rows {
				for _, cell := range row {
					for _, tok := range tokens {
						if strings.Contains(cell, tok) && table != "dev_mailbox" {
							t.Errorf("table %s holds a live token after sending: %q", table, row)
						}
					}
				}
			}
		}
		emails, err := sqlstoretest.EmailsTo(t.Context(), db, "oscar@example.org")
		if err != nil || len(emails) != 1 {
			t.Fatalf("emails to oscar: %d, %v", len(emails), err)
		}
		if e := emails[0]; e.Kind != workflows.EmailLoginLink || e.Status != workflows.EmailSent || e.ProviderID == "" ||
			e.Sent.IsZero() || e.Subject != "" || e.HTML != "" || e.Text != "" {
			t.Errorf("sent email record %+v: want kind, status, provider ID and time kept, subject and bodies dropped", e)
		}
		c := app.client()
		if w := c.post(t, link, nil); w.Code != http.StatusSeeOther {
			t.Fatalf("the link after sending: status %d, want 303", w.Code)
		}
	})
}
