package main

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"registrar/integrations/mailgun"
	"registrar/integrations/mailgun/mailguntest"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/web/emails"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

// benchPeople is how many active people the pass plans for, over benchEvents.
const (
	benchPeople = 10000
	benchEvents = 10
)

// newBenchRig is 10 events of 1,000 accepted students each whose event-soon
// reminders all fall due at due, in different zones.
func newBenchRig(b *testing.B) (*batchRig, time.Time) {
	b.Helper()
	db := sqlstoretest.Open(b)
	fake := mailguntest.New(b)
	mg := mailgun.New(mailgun.Config{Domain: mailguntest.Domain, APIKey: mailguntest.APIKey, APIBase: fake.URL,
		From: "Registrar <registrar@" + mailguntest.Domain + ">"}, fake.Client())
	due := time.Date(2026, 3, 29, 7, 0, 0, 0, time.UTC)
	clock := workflowstest.NewClock(due.Add(-30 * 24 * time.Hour))
	rig := &batchRig{db: db, fake: fake, due: due,
		r: &workflows.Reminders{Store: db, Clock: clock, Emails: emails.New("https://reg.example.org"), Links: links{"https://reg.example.org"}, Mailer: mg}}
	zones := []string{"Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Auckland", "UTC"}
	for e := range benchEvents {
		ev, err := (&workflows.Events{Store: db, Clock: clock}).Create(b.Context(), workflows.EventInput{Slug: fmt.Sprintf("ev%d", e), Title: "Upstream",
			Location: "Berlin", Timezone: "Europe/Berlin", StartsOn: "2026-03-31", EndsOn: "2026-03-31", StudentCapacity: 10000})
		if err != nil {
			b.Fatal(err)
		}
		err = db.InTx(b.Context(), func(tx workflows.Tx) error {
			for i := range benchPeople / benchEvents {
				p := workflows.Person{ID: workflows.NewID(), Email: fmt.Sprintf("p%d-%d@example.org", e, i), Name: fmt.Sprintf("Person %d-%d", e, i),
					Timezone: zones[i%len(zones)], Created: clock.Now()}
				if err := tx.People.CreatePerson(b.Context(), p); err != nil {
					return err
				}
				if err := tx.Registrations.CreateRegistration(b.Context(), workflows.Registration{ID: workflows.NewID(), EventID: ev.ID, PersonID: p.ID,
					Role: workflows.RoleStudent, Status: workflows.StatusAccepted, Created: clock.Now(), Updated: clock.Now()}, p); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return rig, due.Add(time.Minute)
}

// BenchmarkReminderPlan is one dry pass (plan only) over 10,000 active
// people in 10 events: target ≤ 1 s and ≤ 50 MB allocated per pass.
func BenchmarkReminderPlan(b *testing.B) {
	rig, at := newBenchRig(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		passes, err := rig.r.Run(b.Context(), at, true)
		if err != nil {
			b.Fatal(err)
		}
		if n := sent(passes); n != benchPeople {
			b.Fatalf("planned %d sends, want %d", n, benchPeople)
		}
	}
}

// BenchmarkReminderPassAndSend is a real pass (send rows, batches and jobs
// written) for 10,000 people, then sending them through the Mailgun fake:
// reports the pass's time and allocation, the peak heap, and Mailgun calls
// (target ≤ 10).
func BenchmarkReminderPassAndSend(b *testing.B) {
	for range b.N {
		b.StopTimer()
		rig, at := newBenchRig(b)
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		b.StartTimer()
		passes, err := rig.r.Run(b.Context(), at, false)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if n := sent(passes); n != benchPeople {
			b.Fatalf("queued %d sends, want %d", n, benchPeople)
		}
		b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/(1<<20), "MB-alloc/pass")
		rig.drain(b)
		b.ReportMetric(float64(rig.fake.Calls("messages.send")), "mailgun-calls")
		b.ReportMetric(float64(len(rig.fake.Messages())), "messages")
		b.StartTimer()
	}
}

func sent(passes []workflows.RulePass) int {
	n := 0
	for _, p := range passes {
		n += p.Sent
	}
	return n
}
