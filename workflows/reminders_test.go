package workflows_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

// remindersRig is a database with one event, its default rules and people.
type remindersRig struct {
	db    *sqlstore.DB
	clock *workflowstest.Clock
	r     *workflows.Reminders
	mail  *workflowstest.BatchMailer
	event workflows.Event
}

func newRemindersRig(t *testing.T, db *sqlstore.DB, created time.Time, zone, starts string) *remindersRig {
	t.Helper()
	clock := workflowstest.NewClock(created)
	mail := &workflowstest.BatchMailer{}
	rig := &remindersRig{db: db, clock: clock, mail: mail,
		r: &workflows.Reminders{Store: db, Clock: clock, Emails: workflowstest.Renderer{}, Links: workflowstest.Links{}, Mailer: mail}}
	ev, err := (&workflows.Events{Store: db, Clock: clock}).Create(t.Context(), workflows.EventInput{Slug: "ev-" + workflows.NewID(),
		Title: "Upstream Training", Location: "Room 1", Timezone: zone, StartsOn: starts, EndsOn: starts, StudentCapacity: 10000, MentorCapacity: 10})
	if err != nil {
		t.Fatalf("create event: %v", err)
	}
	rig.event = ev
	return rig
}

// person adds someone in zone; with a status, registered for the event.
func (rig *remindersRig) person(t testing.TB, name, zone string, status workflows.Status, organizer bool, at time.Time) workflows.Person {
	t.Helper()
	id := workflows.NewID()
	p := workflows.Person{ID: id, Email: id + "@example.org", Name: name, Timezone: zone, Organizer: organizer, Created: at}
	err := rig.db.InTx(t.Context(), func(tx workflows.Tx) error {
		if err := tx.People.CreatePerson(t.Context(), p); err != nil {
			return err
		}
		if status == "" {
			return nil
		}
		return tx.Registrations.CreateRegistration(t.Context(), workflows.Registration{ID: workflows.NewID(), EventID: rig.event.ID, PersonID: id,
			Role: workflows.RoleStudent, Status: status, Created: at, Updated: at}, p)
	})
	if err != nil {
		t.Fatalf("add person: %v", err)
	}
	return p
}

func countRows(t testing.TB, db *sqlstore.DB, table string) int {
	t.Helper()
	n, err := sqlstoretest.CountRows(t.Context(), db, table)
	if err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// TestRemindersFireAtLocalTimeOnBothDatabases runs a scheduler pass every
// 30 minutes (on the hour and half hour, so every local 09:00 and 08:00 of
// the four zones is hit exactly) through the DST change before the event:
// event-soon, the digest and unconfirmed each fire once, at their due time,
// which is the local time asked for.
func TestRemindersFireAtLocalTimeOnBothDatabases(t *testing.T) {
	cases := []struct {
		zone, starts string
		soon, digest string // expected due instants, UTC
	}{
		{"Europe/Berlin", "2026-03-31", "2026-03-29T07:00:00Z", "2026-03-30T06:00:00Z"},
		{"America/New_York", "2026-03-10", "2026-03-08T13:00:00Z", "2026-03-09T12:00:00Z"},
		{"Asia/Kolkata", "2026-03-31", "2026-03-29T03:30:00Z", "2026-03-30T02:30:00Z"},
		{"Pacific/Auckland", "2026-04-07", "2026-04-04T21:00:00Z", "2026-04-05T20:00:00Z"},
		// The other change of each zone: fall back in Berlin and New York,
		// spring forward in Auckland.
		{"Europe/Berlin", "2026-10-27", "2026-10-25T08:00:00Z", "2026-10-26T07:00:00Z"},
		{"America/New_York", "2026-11-03", "2026-11-01T14:00:00Z", "2026-11-02T13:00:00Z"},
		{"Pacific/Auckland", "2026-09-29", "2026-09-26T20:00:00Z", "2026-09-27T19:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.zone+"/"+c.starts, func(t *testing.T) {
			sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
				ctx := t.Context()
				soon, digest := mustTime(c.soon), mustTime(c.digest)
				from := soon.Add(-2 * 24 * time.Hour).Truncate(time.Hour)
				rig := newRemindersRig(t, db, from.Add(-time.Hour), c.zone, c.starts)
				rig.person(t, "Ada Student", "Asia/Tokyo", workflows.StatusAccepted, false, from.Add(-24*time.Hour))
				rig.person(t, "Olga Organizer", c.zone, "", true, from.Add(-24*time.Hour))
				rig.person(t, "Pat Pending", c.zone, workflows.StatusPending, false, from.Add(90*time.Minute))
				fired := map[workflows.RuleKind][]time.Time{}
				for now := from; now.Before(digest.Add(24 * time.Hour)); now = now.Add(30 * time.Minute) {
					passes, err := rig.r.Run(ctx, now, false)
					if err != nil {
						t.Fatalf("pass at %s: %v", now, err)
					}
					for _, p := range passes {
						for range p.Sent {
							fired[p.Rule.Kind] = append(fired[p.Rule.Kind], now)
						}
						if p.Missed > 0 {
							t.Errorf("%s missed at %s", p.Rule.Kind, now)
						}
					}
				}
				want := map[workflows.RuleKind]time.Time{workflows.RuleEventSoon: soon, workflows.RuleOrganizerDigest: digest,
					workflows.RuleUnconfirmed: from.Add(90*time.Minute + 48*time.Hour)}
				for kind, at := range want {
					if got := fired[kind]; len(got) != 1 || !got[0].Equal(at) {
						t.Errorf("%s fired at %v, want once at %s (%s local)", kind, got, at, at.In(workflows.LoadZone(c.zone)).Format("Mon 15:04 MST"))
					}
				}
				if n := countRows(t, db, "sends"); n != 3 {
					t.Errorf("%d send rows, want 3", n)
				}
			})
		})
	}
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestRemindersMissedAfter24Hours: the app was down when event-soon fell
// due; 25 hours later the send is recorded as missed and nothing goes out,
// then or later.
func TestRemindersMissedAfter24Hours(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		due := mustTime("2026-03-29T07:00:00Z")
		rig := newRemindersRig(t, db, due.Add(-30*24*time.Hour), "Europe/Berlin", "2026-03-31")
		rig.person(t, "Ada", "UTC", workflows.StatusAccepted, false, due.Add(-10*24*time.Hour))
		for _, at := range []time.Time{due.Add(25 * time.Hour), due.Add(26 * time.Hour)} {
			passes, err := rig.r.Run(t.Context(), at, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range passes {
				if p.Sent != 0 {
					t.Errorf("%s sent %d at %s", p.Rule.Kind, p.Sent, at)
				}
				if p.Rule.Kind == workflows.RuleEventSoon && at.Equal(due.Add(25*time.Hour)) && p.Missed != 1 {
					t.Errorf("event-soon missed %d, want 1", p.Missed)
				}
			}
		}
		if n := countRows(t, db, "send_batches"); n != 0 {
			t.Errorf("%d batches, want none", n)
		}
	})
}

// TestRemindersTwoInstancesSendOnce runs two passes at once (two instances)
// and then a third: each (rule, person, period) gets one send row.
func TestRemindersTwoInstancesSendOnce(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		due := mustTime("2026-03-29T07:00:00Z")
		rig := newRemindersRig(t, db, due.Add(-30*24*time.Hour), "Europe/Berlin", "2026-03-31")
		for range 50 {
			rig.person(t, "Ada", "UTC", workflows.StatusAccepted, false, due.Add(-10*24*time.Hour))
		}
		other := &workflows.Reminders{Store: db, Clock: rig.clock, Emails: workflowstest.Renderer{}, Links: workflowstest.Links{}}
		var wg sync.WaitGroup
		sent := make([]int, 2)
		for i, r := range []*workflows.Reminders{rig.r, other} {
			wg.Go(func() {
				passes, err := r.Run(context.WithoutCancel(t.Context()), due.Add(time.Minute), false)
				if err != nil {
					t.Errorf("instance %d: %v", i, err)
				}
				for _, p := range passes {
					sent[i] += p.Sent
				}
			})
		}
		wg.Wait()
		if sent[0]+sent[1] != 50 {
			t.Errorf("instances queued %v sends, want 50 in all", sent)
		}
		passes, err := rig.r.Run(t.Context(), due.Add(2*time.Minute), false)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range passes {
			if p.Sent != 0 {
				t.Errorf("third pass queued %d for %s", p.Sent, p.Rule.Kind)
			}
		}
		if n := countRows(t, db, "sends"); n != 50 {
			t.Errorf("%d send rows, want 50", n)
		}
	})
}

// TestRemindersSkipWhoStopped: a person who unsubscribed from reminders is
// not planned; one who unsubscribes after the batch was planned is skipped
// when it is sent; a bounced address gets none.
func TestRemindersSkipWhoStopped(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		due := mustTime("2026-03-29T07:00:00Z")
		rig := newRemindersRig(t, db, due.Add(-30*24*time.Hour), "Europe/Berlin", "2026-03-31")
		stopped := rig.person(t, "Stopped", "UTC", workflows.StatusAccepted, false, due.Add(-10*24*time.Hour))
		late := rig.person(t, "Late", "UTC", workflows.StatusAccepted, false, due.Add(-10*24*time.Hour))
		bounced := rig.person(t, "Bounced", "UTC", workflows.StatusAccepted, false, due.Add(-10*24*time.Hour))
		keen := rig.person(t, "Keen", "UTC", workflows.StatusAccepted, false, due.Add(-10*24*time.Hour))
		err := db.InTx(t.Context(), func(tx workflows.Tx) error {
			if err := tx.Preferences.SetPreference(t.Context(), stopped.ID, workflows.CategoryReminders, true, due); err != nil {
				return err
			}
			return tx.People.MarkUndeliverable(t.Context(), bounced.ID)
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := rig.r.Run(t.Context(), due, false); err != nil {
			t.Fatal(err)
		}
		err = db.InTx(t.Context(), func(tx workflows.Tx) error {
			return tx.Preferences.SetPreference(t.Context(), late.ID, workflows.CategoryReminders, true, due)
		})
		if err != nil {
			t.Fatal(err)
		}
		jobs, err := db.Claim(t.Context(), workflows.JobSendBatch, 10, due, time.Minute)
		if err != nil || len(jobs) != 1 {
			t.Fatalf("claimed %d batch jobs (%v), want 1", len(jobs), err)
		}
		if _, err := rig.r.SendBatch(t.Context(), jobs[0].JobRef); err != nil {
			t.Fatal(err)
		}
		copies := rig.mail.Copies()
		if len(copies) != 1 || len(copies[keen.Email]) != 1 {
			t.Errorf("copies went to %v, want only %s", keys(copies), keen.Email)
		}
	})
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
