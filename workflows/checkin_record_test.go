package workflows_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

func checkIn(week, state string, needsOrganizer bool) workflows.CheckInInput {
	return workflows.CheckInInput{Week: week, Met: "yes", State: state, Notes: "Set up git-review together.",
		NextSteps: "Pick a bug.", NeedsOrganizer: needsOrganizer}
}

// TestCheckInOnePerWeekUnderConcurrentPosts: eight posts for the same week at
// once leave one row, seven audited rewrites and one email to the organizer.
func TestCheckInOnePerWeekUnderConcurrentPosts(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		m := newMentoring(t, newFixture(t, db), "spring", "Europe/Berlin")
		const posts = 8
		var wg sync.WaitGroup
		errs := make(chan error, posts)
		for i := range posts {
			wg.Go(func() {
				in := checkIn("", "blocked", true)
				in.Notes = fmt.Sprintf("post %d", i)
				_, err := m.svc.CheckIns.Record(t.Context(), m.mentor, m.pairingID, in)
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("concurrent check-in: %v", err)
			}
		}
		if n := m.count(t, "check_ins"); n != 1 {
			t.Errorf("%d check-in rows after %d posts for one week, want 1", n, posts)
		}
		if n := m.count(t, "activity"); n != 1 {
			t.Errorf("%d activity lines, want 1 (updates are not new progress)", n)
		}
		if n := m.emailsOfKind(t, "olga-spring@example.org", workflows.EmailCheckInAlert); n != 1 {
			t.Errorf("%d alert emails to the organizer, want 1 per pairing and week", n)
		}
		entries, err := m.svc.AuditTrail.Entries(t.Context(), m.organizer, workflows.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		updates := 0
		for _, e := range entries {
			if e.Action == workflows.AuditCheckInUpdate {
				updates++
			}
		}
		if updates != posts-1 {
			t.Errorf("%d audited rewrites, want %d", updates, posts-1)
		}
	})
}

// TestCheckInWeekInEventZone: Sunday 23:30 in Auckland is that Auckland
// week, though UTC is still on Sunday morning and Los Angeles on Saturday.
func TestCheckInWeekInEventZone(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		auckland, _ := time.LoadLocation("Pacific/Auckland")
		f.clock.Advance(time.Date(2027, 1, 20, 10, 0, 0, 0, auckland).Sub(f.clock.Now())) // paired Wednesday of 2027-W03
		m := newMentoring(t, f, "kiwi", "Pacific/Auckland")
		f.clock.Advance(time.Date(2027, 1, 31, 23, 30, 0, 0, auckland).Sub(f.clock.Now())) // Sunday 23:30 of 2027-W04
		out, err := m.svc.CheckIns.Record(t.Context(), m.mentor, m.pairingID, checkIn("", "on_track", false))
		if err != nil {
			t.Fatal(err)
		}
		if out.CheckIn.Week != "2027-W04" {
			t.Errorf("default week at Sunday 23:30 in Auckland = %s, want 2027-W04", out.CheckIn.Week)
		}
		for week, field := range map[string]string{"2027-W05": "week", "2027-W02": "week", "2027-W4": "week"} {
			_, err := m.svc.CheckIns.Record(t.Context(), m.mentor, m.pairingID, checkIn(week, "on_track", false))
			if workflows.FieldErrors(err)[field] == "" {
				t.Errorf("week %s: %v, want a %s field error", week, err, field)
			}
		}
		if _, err := m.svc.CheckIns.Record(t.Context(), m.mentor, m.pairingID, checkIn("2027-W03", "on_track", false)); err != nil {
			t.Errorf("the week of the pairing: %v", err)
		}
		// Thirty minutes later it is Monday in Auckland: a new week is due.
		f.clock.Advance(30 * time.Minute)
		d, err := m.svc.CheckIns.Dashboard(t.Context(), m.mentor)
		if err != nil || len(d.Mentees) != 1 {
			t.Fatalf("dashboard: %+v, %v", d, err)
		}
		if c := d.Mentees[0]; c.Week != "2027-W05" || c.ThisWeek != nil || c.WeeksSinceLast != 1 {
			t.Errorf("Monday 00:00 in Auckland: week %s, this week's %v, %d weeks since the last; want 2027-W05, due, 1",
				c.Week, c.ThisWeek, c.WeeksSinceLast)
		}
	})
}

func TestCheckInInputAndAuthorization(t *testing.T) {
	m := newMentoring(t, newFixture(t, sqlstoretest.Open(t)), "spring", "UTC")
	otherMentor := m.viewer(t, m.registered(t, "spring", workflows.RoleMentor, "linus@example.org"))
	for _, tt := range []struct {
		name string
		v    workflows.Viewer
		in   workflows.CheckInInput
		want workflows.Kind
	}{
		{"another mentor", otherMentor, checkIn("", "on_track", false), workflows.NotFound},
		{"a student", m.student, checkIn("", "on_track", false), workflows.Forbidden},
		{"no state", m.mentor, checkIn("", "", false), workflows.Invalid},
		{"met neither yes nor no", m.mentor, workflows.CheckInInput{Met: "maybe", State: "on_track"}, workflows.Invalid},
		{"unknown state", m.mentor, checkIn("", "great", false), workflows.Invalid},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := m.svc.CheckIns.Record(t.Context(), tt.v, m.pairingID, tt.in); workflows.KindOf(err) != tt.want {
				t.Errorf("Record: %v, want %s", err, tt.want)
			}
			if _, err := m.svc.CheckIns.Pairing(t.Context(), tt.v, m.pairingID); tt.want != workflows.Invalid && workflows.KindOf(err) != tt.want {
				t.Errorf("Pairing: %v, want %s", err, tt.want)
			}
		})
	}
	if _, err := m.svc.CheckIns.Record(t.Context(), m.organizer, m.pairingID, checkIn("", "needs_help", false)); err != nil {
		t.Errorf("an organizer records a check-in: %v", err)
	}
	page, err := m.svc.CheckIns.Pairing(t.Context(), m.organizer, m.pairingID)
	if err != nil || len(page.CheckIns) != 1 || page.Card.ThisWeek == nil {
		t.Errorf("an organizer sees the pairing: %+v, %v", page, err)
	}
	if n := m.emailsOfKind(t, "olga-spring@example.org", workflows.EmailCheckInAlert); n != 0 {
		t.Errorf("%d alerts for a check-in that needs no organizer, want 0", n)
	}
}

// TestDashboardColours: the mentor's dashboard judges with the shared colours.
func TestDashboardColours(t *testing.T) {
	m := newMentoring(t, newFixture(t, sqlstoretest.Open(t)), "spring", "UTC")
	day := 24 * time.Hour
	for _, tt := range []struct {
		advance time.Duration
		want    workflows.Colour
	}{{6 * day, workflows.ColourGreen}, {2 * day, workflows.ColourAmber}, {7 * day, workflows.ColourRed}} {
		m.clock.Advance(tt.advance)
		d, err := m.svc.CheckIns.Dashboard(t.Context(), m.mentor)
		if err != nil || len(d.Mentees) != 1 {
			t.Fatalf("dashboard: %+v, %v", d, err)
		}
		if got := d.Mentees[0].Progress; got.Colour != tt.want {
			t.Errorf("%d days after pairing with nothing done: %+v, want %s", got.Days, got, tt.want)
		}
	}
	if _, err := m.svc.CheckIns.Record(t.Context(), m.mentor, m.pairingID, checkIn("", "on_track", false)); err != nil {
		t.Fatal(err)
	}
	d, _ := m.svc.CheckIns.Dashboard(t.Context(), m.mentor)
	if got := d.Mentees[0]; got.Progress.Colour != workflows.ColourGreen || got.ThisWeek == nil || got.WeeksSinceLast != 0 {
		t.Errorf("after a check-in: %+v, want green, this week's done", got)
	}
}
