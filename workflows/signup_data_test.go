package workflows_test

import (
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

// TestSignupEmailWaitsAsItsData checks that a sign-up's confirmation email
// waits in the outbox as the data it is rendered from (no bodies), that the
// sender sends exactly what the renderer makes of that data, and that the
// data, which holds the live link, is gone once the provider has the email.
func TestSignupEmailWaitsAsItsData(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, id := signedUp(t, db)
		var queued workflows.Email
		must(t, db.View(t.Context(), func(tx workflows.Tx) error {
			var err error
			queued, err = tx.Emails.EmailByID(t.Context(), id)
			return err
		}))
		if queued.Signup == nil || queued.HTML != "" || queued.Text != "" || queued.Subject == "" {
			t.Fatalf("queued: data %+v, %d bytes of HTML, %d of text, subject %q; want the data and the subject only",
				queued.Signup, len(queued.HTML), len(queued.Text), queued.Subject)
		}
		want, err := f.signups.Emails.ConfirmSignup(*queued.Signup)
		if err != nil {
			t.Fatal(err)
		}
		mailer := workflowstest.NewMailer()
		delivery := &workflows.Delivery{Store: db, Mailer: mailer, Clock: f.clock, Emails: f.signups.Emails}
		if _, err := workflowstest.Deliver(t.Context(), delivery, workflows.JobRef{Kind: workflows.JobSendEmail, Key: queued.ID, Attempt: 1}); err != nil {
			t.Fatal(err)
		}
		sent := mailer.Sent()
		if len(sent) != 1 || sent[0].Subject != want.Subject || sent[0].HTML != want.HTML || sent[0].Text != want.Text {
			t.Fatalf("sent %+v, want %+v", sent, want)
		}
		must(t, db.View(t.Context(), func(tx workflows.Tx) error {
			after, err := tx.Emails.EmailByID(t.Context(), queued.ID)
			if err != nil {
				return err
			}
			if after.Status != workflows.EmailSent || after.Signup != nil {
				t.Errorf("after sending: status %s, data %+v; want sent and no data", after.Status, after.Signup)
			}
			return nil
		}))
	})
}

// TestSignupEmailWithoutRendererIsNotSentEmpty checks that a sender with no
// renderer fails the send (to be retried) instead of sending empty bodies.
func TestSignupEmailWithoutRendererIsNotSentEmpty(t *testing.T) {
	db := sqlstoretest.Open(t)
	f, id := signedUp(t, db)
	mailer := workflowstest.NewMailer()
	delivery := &workflows.Delivery{Store: db, Mailer: mailer, Clock: f.clock}
	if _, err := workflowstest.Deliver(t.Context(), delivery, workflows.JobRef{Kind: workflows.JobSendEmail, Key: id, Attempt: 1}); err == nil {
		t.Error("sent without a renderer")
	}
	if n := len(mailer.Sent()); n != 0 {
		t.Errorf("%d messages went out, want none", n)
	}
}

// signedUp signs ada@example.org up for an event and returns the fixture
// and the ID of her confirmation email, still queued.
func signedUp(t *testing.T, db *sqlstore.DB) (*fixture, string) {
	t.Helper()
	f := newFixture(t, db)
	f.event(t, "spring", 5, 1)
	if _, err := f.signups.SignUp(t.Context(), student("spring", "ada@example.org")); err != nil {
		t.Fatal(err)
	}
	emails, err := sqlstoretest.EmailsTo(t.Context(), db, "ada@example.org")
	if err != nil || len(emails) != 1 {
		t.Fatalf("emails = %v, %v", emails, err)
	}
	return f, emails[0].ID
}
