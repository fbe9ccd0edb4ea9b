package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"registrar/integrations/devmail"
	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/web"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

// trustingMail reads a webhook body as a MailEvent: the signature check is
// the mailgun adapter's, tested there.
type trustingMail struct{}

func (trustingMail) Event(body []byte, _ time.Time) (workflows.MailEvent, error) {
	var ev workflows.MailEvent
	return ev, json.Unmarshal(body, &ev)
}

// deliver hands every queued email to addr to the dev mailbox, as the
// outbox worker does, and returns the kinds that went out.
func (a *testApp) deliver(t testing.TB, addr string) []workflows.EmailKind {
	t.Helper()
	d := &workflows.Delivery{Store: a.db, Mailer: &devmail.Mailer{Store: a.db, Clock: a.clock}, Clock: a.clock, Emails: testEmails()}
	emails, err := sqlstoretest.EmailsTo(t.Context(), a.db, addr)
	if err != nil {
		t.Fatal(err)
	}
	var sent []workflows.EmailKind
	for _, e := range emails {
		if e.Status != workflows.EmailQueued {
			continue
		}
		if _, err := workflowstest.Deliver(t.Context(), d, workflows.JobRef{Kind: workflows.JobSendEmail, Key: e.ID, Attempt: 1}); err != nil {
			t.Fatal(err)
		}
		if got, err := a.db.DevMessage(t.Context(), e.ID); err == nil && got.To == addr {
			sent = append(sent, e.Kind)
		}
	}
	return sent
}

// TestComplaintStopsAllButWhatTheyAskFor: after a spam complaint, only the
// sign-in links and sign-up confirmations the person asks for are sent.
func TestComplaintStopsAllButWhatTheyAskFor(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0, func(s *web.Server) {
			s.Mail, s.MailEvents = trustingMail{}, &workflows.MailEvents{Store: db, Clock: s.Signups.(*workflows.Signups).Clock}
		})
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		app.deliver(t, "ada@example.org")
		emails, _ := sqlstoretest.EmailsTo(t.Context(), db, "ada@example.org")
		complaint, _ := json.Marshal(workflows.MailEvent{Token: "t1", Kind: "complained", ProviderID: emails[0].ProviderID, EmailID: emails[0].ID})
		if w := app.post(t, "/webhooks/mailgun", nil); w.Code == http.StatusOK {
			t.Fatal("an empty webhook was accepted")
		}
		r := newRequest(http.MethodPost, "/webhooks/mailgun", strings.NewReader(string(complaint)))
		if w := app.do(t, r); w.Code != http.StatusOK {
			t.Fatalf("complaint webhook: status %d", w.Code)
		}

		org := app.signInOrganizer(t, "olga@example.org")
		if w := org.post(t, "/admin/registrations/"+app.registrationID(t, org, "spring", "ada@example.org")+"/accept", nil); w.Code != http.StatusSeeOther {
			t.Fatalf("accept: status %d", w.Code)
		}
		app.post(t, "/events/spring/students", studentForm()) // already registered
		if sent := app.deliver(t, "ada@example.org"); len(sent) != 0 {
			t.Errorf("after a complaint, sent %v; want nothing unasked", sent)
		}
		app.requestLogin(t, app.client(), "ada@example.org")
		app.post(t, "/events/big/students", studentForm())
		sent := app.deliver(t, "ada@example.org")
		if len(sent) != 2 {
			t.Errorf("after a complaint, sent %v; want the sign-in link and the confirmation asked for", sent)
		}
		after, _ := sqlstoretest.EmailsTo(t.Context(), db, "ada@example.org")
		before := map[string]bool{}
		for _, e := range emails {
			before[e.ID] = true
		}
		for _, e := range after {
			if before[e.ID] {
				continue
			}
			asked := e.Kind == workflows.EmailLoginLink || e.Kind == workflows.EmailConfirmSignup
			if !asked && e.Status != workflows.EmailSuppressed {
				t.Errorf("%s email after the complaint: status %s, want %s", e.Kind, e.Status, workflows.EmailSuppressed)
			}
		}
	})
}
