package workflows_test

import (
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// checkInRig is an event in Berlin running for weeks, with its check-in-due
// rule at weekday and minute (mentors' own time).
func checkInRig(t *testing.T, db *sqlstore.DB, from time.Time, weekday time.Weekday, minute int) *remindersRig {
	t.Helper()
	ctx := t.Context()
	rig := newRemindersRig(t, db, from.AddDate(0, 0, -30), "Europe/Berlin", "2026-02-02")
	err := db.InTx(ctx, func(tx workflows.Tx) error {
		ev, err := tx.Events.EventByID(ctx, rig.event.ID)
		if err != nil {
			return err
		}
		ev.EndsOn = workflows.Date{Year: 2026, Month: 4, Day: 30}
		if err := tx.Events.UpdateEvent(ctx, ev); err != nil {
			return err
		}
		rules, err := tx.Reminders.RulesOfEvent(ctx, rig.event.ID)
		if err != nil {
			return err
		}
		for _, r := range rules {
			if r.Kind == workflows.RuleCheckInDue {
				r.Weekday, r.AtMinute = weekday, minute
				if err := tx.Reminders.UpdateRule(ctx, r); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rig
}

// pairWith pairs a new student with mentor from started, with check-ins for weeks.
func (rig *remindersRig) pairWith(t *testing.T, mentor string, started time.Time, weeks ...workflows.ISOWeek) {
	t.Helper()
	ctx := t.Context()
	student := rig.registered(t, "Student of "+mentor, "UTC", workflows.RoleStudent, workflows.StatusActive, started)
	id := workflows.NewID()
	err := rig.db.InTx(ctx, func(tx workflows.Tx) error {
		if err := tx.Pairings.CreatePairing(ctx, workflows.Pairing{ID: id, EventID: rig.event.ID, StudentID: student,
			MentorID: mentor, Started: started}); err != nil {
			return err
		}
		for _, w := range weeks {
			if _, err := tx.CheckIns.InsertCheckIn(ctx, workflows.CheckIn{ID: workflows.NewID(), PairingID: id, Week: w, Met: true,
				State: workflows.CheckInState("on_track"), Created: started, Updated: started}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkInsFired runs a pass every 30 minutes over [from, to) and returns when
// check-in-due sends were queued, and how many were recorded missed.
func (rig *remindersRig) checkInsFired(t *testing.T, from, to time.Time) (fired []time.Time, missed int) {
	t.Helper()
	for now := from; now.Before(to); now = now.Add(30 * time.Minute) {
		passes, err := rig.r.Run(t.Context(), now, false)
		if err != nil {
			t.Fatalf("pass at %s: %v", now, err)
		}
		for _, p := range passes {
			if p.Rule.Kind != workflows.RuleCheckInDue {
				continue
			}
			missed += p.Missed
			for range p.Sent {
				fired = append(fired, now)
			}
		}
	}
	return fired, missed
}

// A mentor in Auckland, an event in Berlin, the rule on Monday 09:00: Monday
// 09:00 in Auckland (Sunday 20:00 UTC) is still Sunday in Berlin, so the
// reminder asks about the Berlin week that is ending, the week the dashboard
// shows. Kiri has done it and gets nothing; Tama has not and is reminded at
// his Monday 09:00, once.
func TestCheckInDueUsesEventWeek(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		from, to := mustTime("2026-03-15T12:00:00Z"), mustTime("2026-03-16T12:00:00Z") // Sunday noon to Monday noon UTC
		rig := checkInRig(t, db, from, time.Monday, 9*60)
		long := from.AddDate(0, 0, -20)
		week := workflows.WeekOf(from, workflows.LoadZone("Europe/Berlin"))
		if week != "2026-W11" {
			t.Fatalf("Berlin week at %s = %s, want 2026-W11", from, week)
		}
		kiri := rig.registered(t, "Kiri", "Pacific/Auckland", workflows.RoleMentor, workflows.StatusActive, long)
		tama := rig.registered(t, "Tama", "Pacific/Auckland", workflows.RoleMentor, workflows.StatusActive, long)
		rig.pairWith(t, kiri, long, week)
		rig.pairWith(t, tama, long)
		fired, missed := rig.checkInsFired(t, from, to)
		if want := mustTime("2026-03-15T20:00:00Z"); len(fired) != 1 || !fired[0].Equal(want) || missed != 0 {
			t.Errorf("check-in-due fired at %v (%d missed), want once at %s (Monday 09:00 Auckland, for Tama)", fired, missed, want)
		}
	})
}

// A pairing that began after the week's reminder time (or at all in that
// week) owes no check-in for it: no reminder, no missed send; the next week
// is reminded as usual.
func TestCheckInDueNotForPairingWeek(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		// Thursday 10:00 New York is 14:00 UTC on 2026-03-12 (2026-W11).
		paired := mustTime("2026-03-12T15:00:00Z")
		rig := checkInRig(t, db, paired, time.Thursday, 10*60)
		maya := rig.registered(t, "Maya", "America/New_York", workflows.RoleMentor, workflows.StatusActive, paired.AddDate(0, 0, -20))
		rig.pairWith(t, maya, paired)
		fired, missed := rig.checkInsFired(t, paired, paired.AddDate(0, 0, 8))
		if want := mustTime("2026-03-19T14:00:00Z"); len(fired) != 1 || !fired[0].Equal(want) || missed != 0 {
			t.Errorf("check-in-due fired at %v (%d missed), want once at %s (the week after pairing) and none missed", fired, missed, want)
		}
	})
}

// The dashboard shows the pairing's first week as not due, and the next as due.
func TestDashboardFirstWeekNotDue(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		berlin := workflows.LoadZone("Europe/Berlin")
		f.clock.Advance(time.Date(2027, 1, 22, 18, 0, 0, 0, berlin).Sub(f.clock.Now())) // Friday of 2027-W03
		m := newMentoring(t, f, "late", "Europe/Berlin")
		for _, tt := range []struct {
			advance time.Duration
			due     bool
		}{{0, false}, {2*24*time.Hour + 5*time.Hour, false}, {time.Hour, true}} { // Sunday 23:00, then Monday 00:00
			f.clock.Advance(tt.advance)
			d, err := m.svc.CheckIns.Dashboard(t.Context(), m.mentor)
			if err != nil || len(d.Mentees) != 1 {
				t.Fatalf("dashboard: %+v, %v", d, err)
			}
			if c := d.Mentees[0]; c.Due != tt.due || c.ThisWeek != nil {
				t.Errorf("at %s (week %s): due %v, want %v", f.clock.Now().In(berlin), c.Week, c.Due, tt.due)
			}
		}
	})
}
