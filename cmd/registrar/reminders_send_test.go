package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"registrar/integrations/fakeapi"
	"registrar/integrations/mailgun"
	"registrar/integrations/mailgun/mailguntest"
	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/web/emails"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

// batchRig is a database with one event whose event-soon rule concerns n
// accepted students, the Mailgun fake and the reminders use case over it.
type batchRig struct {
	db   *sqlstore.DB
	fake *mailguntest.Server
	r    *workflows.Reminders
	due  time.Time
}

func newBatchRig(t testing.TB, n int) *batchRig {
	t.Helper()
	db := sqlstoretest.Open(t)
	fake := mailguntest.New(t)
	mg := mailgun.New(mailgun.Config{Domain: mailguntest.Domain, APIKey: mailguntest.APIKey, APIBase: fake.URL,
		From: "Registrar <registrar@" + mailguntest.Domain + ">"}, fake.Client())
	due := time.Date(2026, 3, 29, 7, 0, 0, 0, time.UTC) // 09:00 in Berlin, two days before
	clock := workflowstest.NewClock(due.Add(-30 * 24 * time.Hour))
	rig := &batchRig{db: db, fake: fake, due: due,
		r: &workflows.Reminders{Store: db, Clock: clock, Emails: emails.New("https://reg.example.org"), Links: links{"https://reg.example.org"}, Mailer: mg}}
	ev, err := (&workflows.Events{Store: db, Clock: clock}).Create(t.Context(), workflows.EventInput{Slug: "upstream", Title: "Upstream Training",
		Location: "Berlin", Timezone: "Europe/Berlin", StartsOn: "2026-03-31", EndsOn: "2026-03-31", StudentCapacity: 10000})
	if err != nil {
		t.Fatal(err)
	}
	err = db.InTx(t.Context(), func(tx workflows.Tx) error {
		for i := range n {
			p := workflows.Person{ID: workflows.NewID(), Email: fmt.Sprintf("student%05d@example.org", i), Name: fmt.Sprintf("Student%05d Doe", i),
				Timezone: "UTC", Created: clock.Now()}
			if err := tx.People.CreatePerson(t.Context(), p); err != nil {
				return err
			}
			if err := tx.Registrations.CreateRegistration(t.Context(), workflows.Registration{ID: workflows.NewID(), EventID: ev.ID, PersonID: p.ID,
				Role: workflows.RoleStudent, Status: workflows.StatusAccepted, Created: clock.Now(), Updated: clock.Now()}, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rig
}

// drain claims the batch jobs and runs them as the runner would, retrying
// failures (with the attempt count the runner keeps) until none is due.
func (rig *batchRig) drain(t testing.TB) {
	t.Helper()
	now := rig.due.Add(time.Hour)
	for range 10 {
		jobs, err := rig.db.Claim(t.Context(), workflows.JobSendBatch, 100, now, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if len(jobs) == 0 {
			return
		}
		for _, j := range jobs {
			id, err := rig.r.SendBatch(t.Context(), j.JobRef)
			if err != nil {
				t.Logf("batch %s attempt %d: %v", j.Key, j.Attempt, err)
				if err := sqlstoretest.RetryJob(t.Context(), rig.db, j, now, err.Error(), now); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err := sqlstoretest.CompleteJob(t.Context(), rig.db, j, id, now); err != nil {
				t.Fatal(err)
			}
		}
		now = now.Add(time.Minute)
	}
	t.Fatal("batch jobs still due after 10 rounds")
}

var emailAddress = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)

// TestReminderBatches2500: 2,500 recipients of one rule make exactly three
// Mailgun calls, each with recipient-variables for every recipient; each
// recipient's copy holds their own name and unsubscribe link and no other
// recipient's address; the first call's response is lost after Mailgun
// accepted it, and the retry finds it instead of sending it again.
func TestReminderBatches2500(t *testing.T) {
	rig := newBatchRig(t, 2500)
	rig.fake.Script(fakeapi.Fault{Kind: fakeapi.FailAfterCommit, Op: "messages.send"})
	passes, err := rig.r.Run(t.Context(), rig.due.Add(time.Minute), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range passes {
		if p.Rule.Kind == workflows.RuleEventSoon && (p.Sent != 2500 || p.Batches != 3) {
			t.Fatalf("event-soon queued %d sends in %d batches, want 2500 in 3", p.Sent, p.Batches)
		}
	}
	rig.drain(t)

	msgs := rig.fake.Messages()
	if len(msgs) != 3 || rig.fake.Calls("messages.send") != 3 {
		t.Fatalf("%d messages accepted in %d calls, want 3 in 3 (the lost response looked up, not resent)", len(msgs), rig.fake.Calls("messages.send"))
	}
	if rig.fake.Calls("events.list") == 0 {
		t.Error("the batch whose response was lost was not looked up")
	}
	seen := map[string]int{}
	for _, m := range msgs {
		if len(m.To) > mailguntest.MaxRecipients || len(m.RecipientVars) != len(m.To) {
			t.Fatalf("message with %d recipients and %d recipient-variables", len(m.To), len(m.RecipientVars))
		}
		if m.Headers["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click" {
			t.Errorf("List-Unsubscribe-Post = %q", m.Headers["List-Unsubscribe-Post"])
		}
		for _, to := range m.To {
			seen[to]++
			c := m.CopyFor(to)
			name := strings.TrimSuffix(strings.TrimPrefix(to, "student"), "@example.org")
			unsub := m.RecipientVars[to]["unsubscribe_url"]
			if !strings.Contains(c.Text, "Student"+name) || !strings.Contains(c.HTML, "Student"+name) {
				t.Fatalf("%s's copy does not greet them: %q", to, c.Text[:200])
			}
			if !strings.HasPrefix(unsub, "https://reg.example.org/unsubscribe/") || !strings.Contains(c.Text, unsub) ||
				c.Headers["List-Unsubscribe"] != "<"+unsub+">" {
				t.Fatalf("%s's copy lacks their unsubscribe link %q (header %q)", to, unsub, c.Headers["List-Unsubscribe"])
			}
			for _, part := range []string{c.Text, c.HTML, c.Subject, c.Headers["List-Unsubscribe"]} {
				for _, a := range emailAddress.FindAllString(part, -1) {
					if a != to && !strings.HasSuffix(a, "@"+mailguntest.Domain) {
						t.Fatalf("%s's copy shows another address %s", to, a)
					}
				}
			}
		}
	}
	if len(seen) != 2500 {
		t.Errorf("%d distinct recipients, want 2500", len(seen))
	}
	for to, n := range seen {
		if n != 1 {
			t.Errorf("%s got %d copies", to, n)
		}
	}

	// Webhook events name the recipient's send through their variable.
	events := &workflows.MailEvents{Store: rig.db, Clock: workflowstest.NewClock(rig.due)}
	for i, kind := range []string{"delivered", "complained"} {
		m := msgs[0]
		sendID := m.CopyFor(m.To[i]).Variables[mailgun.VariableSendID]
		if out, err := events.Record(t.Context(), workflows.MailEvent{Token: "tok-" + kind, Kind: kind, ProviderID: m.ID, SendID: sendID}); err != nil || out != workflows.MailRecorded {
			t.Fatalf("record %s for send %q: %v, %v", kind, sendID, out, err)
		}
		var snd workflows.Send
		if err := rig.db.InTx(t.Context(), func(tx workflows.Tx) (err error) { snd, err = tx.Sends.SendByID(t.Context(), sendID); return err }); err != nil {
			t.Fatal(err)
		}
		if string(snd.State) != kind {
			t.Errorf("send of %s is %s after a %s event", m.To[i], snd.State, kind)
		}
	}
}
