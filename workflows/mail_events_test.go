package workflows_test

import (
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

func TestMailEventsUpdateEmailAndPerson(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 5, 1)
		if _, err := f.signups.SignUp(t.Context(), student("spring", "ada@example.org")); err != nil {
			t.Fatal(err)
		}
		mailer := workflowstest.NewMailer()
		delivery := &workflows.Delivery{Store: db, Mailer: mailer, Clock: f.clock, Emails: f.signups.Emails}
		emails, _ := sqlstoretest.EmailsTo(t.Context(), db, "ada@example.org")
		providerID, err := workflowstest.Deliver(t.Context(), delivery, workflows.JobRef{Kind: workflows.JobSendEmail, Key: emails[0].ID, Attempt: 1})
		if err != nil {
			t.Fatal(err)
		}
		events := &workflows.MailEvents{Store: db, Clock: f.clock}
		steps := []struct {
			name    string
			ev      workflows.MailEvent
			want    workflows.MailOutcome
			kind    workflows.Kind // of the error, when one is expected
			status  workflows.EmailStatus
			wantErr bool
		}{
			{name: "delivered", ev: workflows.MailEvent{Token: "t1", Kind: "delivered", ProviderID: providerID, EmailID: emails[0].ID}, want: workflows.MailRecorded, status: workflows.EmailDelivered},
			{name: "replayed token", ev: workflows.MailEvent{Token: "t1", Kind: "failed", Permanent: true, ProviderID: providerID, EmailID: emails[0].ID}, wantErr: true, kind: workflows.Forbidden, status: workflows.EmailDelivered},
			{name: "temporary failure", ev: workflows.MailEvent{Token: "t2", Kind: "failed", ProviderID: providerID, EmailID: emails[0].ID}, want: workflows.MailIgnored, status: workflows.EmailDelivered},
			{name: "not our message", ev: workflows.MailEvent{Token: "t3", Kind: "delivered", ProviderID: "<other@mg>"}, want: workflows.MailIgnored, status: workflows.EmailDelivered},
			{name: "our ID on another message", ev: workflows.MailEvent{Token: "t5", Kind: "failed", Permanent: true, ProviderID: "<other@mg>", EmailID: emails[0].ID}, want: workflows.MailIgnored, status: workflows.EmailDelivered},
			{name: "hard bounce", ev: workflows.MailEvent{Token: "t4", Kind: "failed", Permanent: true, ProviderID: providerID, EmailID: emails[0].ID}, want: workflows.MailRecorded, status: workflows.EmailFailed},
		}
		for _, s := range steps {
			got, err := events.Record(t.Context(), s.ev)
			if s.wantErr {
				if workflows.KindOf(err) != s.kind {
					t.Fatalf("%s: err = %v, want kind %s", s.name, err, s.kind)
				}
			} else if err != nil || got != s.want {
				t.Fatalf("%s: %s, %v; want %s", s.name, got, err, s.want)
			}
			emails, _ := sqlstoretest.EmailsTo(t.Context(), db, "ada@example.org")
			if emails[0].Status != s.status {
				t.Fatalf("%s: email status %s, want %s", s.name, emails[0].Status, s.status)
			}
		}
		// The bounced address gets no more mail: the next email is suppressed.
		var person workflows.Person
		_ = db.InTx(t.Context(), func(tx workflows.Tx) error {
			var err error
			person, err = tx.People.PersonByEmail(t.Context(), "ada@example.org")
			return err
		})
		if !person.Undeliverable {
			t.Fatal("person not marked undeliverable after a hard bounce")
		}
		if _, err := f.signups.SignUp(t.Context(), student("spring", "ada@example.org")); err != nil {
			t.Fatal(err)
		}
		emails, _ = sqlstoretest.EmailsTo(t.Context(), db, "ada@example.org")
		last := emails[len(emails)-1]
		if last.ID == emails[0].ID {
			last = emails[1]
		}
		if _, err := workflowstest.Deliver(t.Context(), delivery, workflows.JobRef{Kind: workflows.JobSendEmail, Key: last.ID, Attempt: 1}); err != nil {
			t.Fatal(err)
		}
		if n := len(mailer.Sent()); n != 1 {
			t.Fatalf("mailer sent %d messages, want only the first (the address bounced)", n)
		}
	})
}
