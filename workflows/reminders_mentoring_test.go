package workflows_test

import (
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestMentoringRulesFireInOwnZone runs a pass every 30 minutes through the
// week after New York's spring change: a mentor in New York without this
// week's check-in is reminded once, Thursday 10:00 New York time; one who
// checked in is not; an active student in Kolkata without progress for 14
// days is nudged once, 10:00 Kolkata time, the first day of the week.
func TestMentoringRulesFireInOwnZone(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		from := mustTime("2026-03-09T00:00:00Z")
		rig := newRemindersRig(t, db, from, "Europe/Berlin", "2026-03-02")
		// The event runs for weeks: end it later than the test week.
		err := db.InTx(ctx, func(tx workflows.Tx) error {
			ev, err := tx.Events.EventByID(ctx, rig.event.ID)
			if err != nil {
				return err
			}
			ev.EndsOn = workflows.Date{Year: 2026, Month: 4, Day: 30}
			return tx.Events.UpdateEvent(ctx, ev)
		})
		if err != nil {
			t.Fatal(err)
		}
		long := from.AddDate(0, 0, -30)
		mentor := rig.registered(t, "Maya Mentor", "America/New_York", workflows.RoleMentor, workflows.StatusActive, long)
		keen := rig.registered(t, "Kim Keen", "America/New_York", workflows.RoleMentor, workflows.StatusActive, long)
		student := rig.registered(t, "Sita Student", "Asia/Kolkata", workflows.RoleStudent, workflows.StatusActive, long)
		other := rig.registered(t, "Otto Other", "Asia/Kolkata", workflows.RoleStudent, workflows.StatusActive, long)
		err = db.InTx(ctx, func(tx workflows.Tx) error {
			for _, p := range []workflows.Pairing{
				{ID: "pr-maya", EventID: rig.event.ID, StudentID: student, MentorID: mentor, Started: long},
				{ID: "pr-kim", EventID: rig.event.ID, StudentID: other, MentorID: keen, Started: long},
			} {
				if err := tx.Pairings.CreatePairing(ctx, p); err != nil {
					return err
				}
			}
			week := workflows.WeekOf(from, workflows.LoadZone("Europe/Berlin"))
			if _, err := tx.CheckIns.InsertCheckIn(ctx, workflows.CheckIn{ID: workflows.NewID(), PairingID: "pr-kim", Week: week, Met: true,
				State: workflows.CheckInState("on_track"), Created: from, Updated: from}); err != nil {
				return err
			}
			// Otto made progress yesterday: no nudge.
			return tx.Activity.RecordActivity(ctx, workflows.Activity{ID: workflows.NewID(), EventID: rig.event.ID, RegistrationID: other,
				Kind: "step", Week: week, At: from.Add(-24 * time.Hour)})
		})
		if err != nil {
			t.Fatal(err)
		}
		fired := map[workflows.RuleKind][]time.Time{}
		for now := from; now.Before(from.AddDate(0, 0, 7)); now = now.Add(30 * time.Minute) {
			passes, err := rig.r.Run(ctx, now, false)
			if err != nil {
				t.Fatalf("pass at %s: %v", now, err)
			}
			for _, p := range passes {
				for range p.Sent {
					fired[p.Rule.Kind] = append(fired[p.Rule.Kind], now)
				}
			}
		}
		// Thursday 10:00 EDT (UTC-4, the week after the change) and Monday
		// 10:00 IST (UTC+5:30).
		if got := fired[workflows.RuleCheckInDue]; len(got) != 1 || !got[0].Equal(mustTime("2026-03-12T14:00:00Z")) {
			t.Errorf("check-in-due fired at %v, want once at 2026-03-12T14:00Z (10:00 New York)", got)
		}
		if got := fired[workflows.RuleStudentNudge]; len(got) != 1 || !got[0].Equal(mustTime("2026-03-09T04:30:00Z")) {
			t.Errorf("student-nudge fired at %v, want once at 2026-03-09T04:30Z (10:00 Kolkata)", got)
		}
	})
}

// registered adds a person in zone with a registration of role and status
// made at at, and returns the registration's ID.
func (rig *remindersRig) registered(t testing.TB, name, zone string, role workflows.Role, status workflows.Status, at time.Time) string {
	t.Helper()
	id, reg := workflows.NewID(), workflows.NewID()
	err := rig.db.InTx(t.Context(), func(tx workflows.Tx) error {
		p := workflows.Person{ID: id, Email: id + "@example.org", Name: name, Timezone: zone, Created: at}
		if err := tx.People.CreatePerson(t.Context(), p); err != nil {
			return err
		}
		return tx.Registrations.CreateRegistration(t.Context(), workflows.Registration{ID: reg, EventID: rig.event.ID, PersonID: id,
			Role: role, Status: status, Created: at, Updated: at}, p)
	})
	if err != nil {
		t.Fatal(err)
	}
	return reg
}
