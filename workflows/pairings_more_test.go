package workflows_test

import (
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestPairRefusals: each broken rule is Invalid with its reason, and
// nothing changes.
func TestPairRefusals(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		c := newCohort(t, db, "2027-03-20", "2027-03-21")
		ada := c.student(t, "Ada", "UTC", "nova")
		bob := c.student(t, "Bob", "UTC", "nova")
		confirmedOnly := c.signUp(t, func() workflows.SignupInput { in := student(c.slug, "carl@example.org"); in.Name = "Carl"; return in }())
		nina := c.mentor(t, "Nina", "UTC", "nova", "1")
		c.pair(t, bob, nina) // Nina is full now
		paul := c.mentor(t, "Paul", "UTC", "nova", "2")
		c.fixture.event(t, "other", 5, 5)
		elsewhere := c.fixture.registered(t, "other", workflows.RoleMentor, "mo@example.org")
		tests := []struct {
			name, student, mentor, want string
		}{
			{"full mentor", ada, nina, "Nina has no room: 1 / 1 mentees."},
			{"student not accepted", confirmedOnly, paul, "Carl is confirmed: only accepted students get a mentor."},
			{"mentor as student", paul, paul, "Paul signed up as a mentor, not a student."},
			{"student as mentor", ada, bob, "Bob signed up as a student, not a mentor."},
			{"other event", ada, elsewhere, "Ada and Ada Lovelace are in different events."},
			{"unknown student", "nope", paul, "There is no such student registration."},
			{"unknown mentor", ada, "nope", "There is no such mentor registration."},
		}
		before := c.count(t, "audit_log")
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := c.svc.Pairings.Pair(t.Context(), organizer, tt.student, tt.mentor)
				if workflows.KindOf(err) != workflows.Invalid || workflows.MessageOf(err) != tt.want {
					t.Fatalf("err = %v (%q), want Invalid %q", err, workflows.MessageOf(err), tt.want)
				}
			})
		}
		if _, err := c.svc.Pairings.Pair(t.Context(), organizer, "", ""); workflows.FieldErrors(err)["student"] == "" {
			t.Errorf("empty form: %v, want a field error on student", err)
		}
		if n := c.count(t, "pairings"); n != 1 {
			t.Errorf("%d pairings after refusals, want the one made", n)
		}
		if after := c.count(t, "audit_log"); after != before {
			t.Errorf("audit log grew from %d to %d after refusals", before, after)
		}
	})
}

// TestPairAll fills places in sign-up order and never puts two students
// into a last place.
func TestPairAll(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		c := newCohort(t, db, "2027-03-20", "2027-03-21")
		for _, n := range []string{"Ada", "Bob", "Cleo", "Dan"} {
			c.student(t, n, "UTC", "nova")
		}
		nina := c.mentor(t, "Nina", "UTC", "nova", "1")
		paul := c.mentor(t, "Paul", "Asia/Tokyo", "swift", "2")
		res, err := c.svc.Pairings.PairAll(t.Context(), organizer, c.slug)
		if err != nil {
			t.Fatal(err)
		}
		if res.Paired != 3 || res.Left != 1 {
			t.Fatalf("pair all = %+v, want 3 paired and 1 left", res)
		}
		b := c.board(t)
		load := map[string]int{}
		for _, p := range b.Current {
			load[p.Mentor.ID]++
		}
		if load[nina] != 1 || load[paul] != 2 {
			t.Fatalf("loads = %v, want Nina 1 (her one place), Paul 2", load)
		}
		if b.Current[0].Student.Person.Name != "Ada" || b.Current[0].Mentor.ID != nina {
			t.Errorf("Ada (first to sign up) should have Nina (shared project): %+v", b.Current[0])
		}
		if len(b.Unpaired) != 1 || b.Unpaired[0].Student.Person.Name != "Dan" || len(b.Unpaired[0].Suggestions) != 0 {
			t.Errorf("unpaired = %+v, want Dan with no suggestion", b.Unpaired)
		}
	})
}

// TestEndPairing ends a pairing with a reason; the student waits for a
// mentor again, still active.
func TestEndPairing(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		c := newCohort(t, db, "2027-03-20", "2027-03-21")
		ada := c.student(t, "Ada", "UTC", "nova")
		p := c.pair(t, ada, c.mentor(t, "Nina", "UTC", "nova", "1"))
		if _, err := c.svc.Pairings.End(t.Context(), organizer, p.Pairing.ID, " "); workflows.FieldErrors(err)["reason"] == "" {
			t.Fatalf("end without a reason: %v, want a field error", err)
		}
		slug, err := c.svc.Pairings.End(t.Context(), organizer, p.Pairing.ID, "Mentor on leave")
		if err != nil || slug != c.slug {
			t.Fatalf("end = %q, %v", slug, err)
		}
		if _, err := c.svc.Pairings.End(t.Context(), organizer, p.Pairing.ID, "again"); workflows.KindOf(err) != workflows.Conflict {
			t.Errorf("ending twice: %v, want Conflict", err)
		}
		if _, err := c.svc.Pairings.End(t.Context(), organizer, "nope", "why"); workflows.KindOf(err) != workflows.NotFound {
			t.Errorf("ending an unknown pairing: %v, want NotFound", err)
		}
		b := c.board(t)
		if len(b.Current) != 0 || len(b.Unpaired) != 1 || b.Unpaired[0].Student.Status != workflows.StatusActive {
			t.Fatalf("after the end: current %d, unpaired %+v", len(b.Current), b.Unpaired)
		}
	})
}

// TestProgressColours judges a student at 7, 8, 14 and 15 days after their
// last progress, and in the grace week, with the clock injected.
func TestProgressColours(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		c := newCohort(t, db, "2027-03-20", "2027-03-21")
		ada := c.student(t, "Ada", "UTC", "nova")
		p := c.pair(t, ada, c.mentor(t, "Nina", "UTC", "nova", "1"))
		row := func(t *testing.T) workflows.ProgressRow {
			t.Helper()
			page, err := c.svc.Watch.Progress(t.Context(), organizer, c.slug, workflows.ProgressFilter{})
			if err != nil || len(page.Rows) != 1 {
				t.Fatalf("progress: %d rows, %v", len(page.Rows), err)
			}
			return page.Rows[0]
		}
		c.clock.Advance(3 * 24 * time.Hour)
		if r := row(t); r.Colour != workflows.ColourGreen || !r.Grace {
			t.Fatalf("3 days after pairing: %+v, want green in the grace week", r.Progress)
		}
		c.clock.Advance(7 * 24 * time.Hour) // 10 days after pairing: a step is done
		last := c.clock.Now()
		must(t, db.InTx(t.Context(), func(tx workflows.Tx) error {
			return tx.Activity.RecordActivity(t.Context(), workflows.Activity{ID: workflows.NewID(), EventID: p.Pairing.EventID,
				RegistrationID: ada, Kind: workflows.ActivityStep, StepKey: workflows.StepGitConfigured, Week: workflows.WeekOf(last, time.UTC), At: last})
		}))
		for _, tt := range []struct {
			days int
			want workflows.Colour
		}{{7, workflows.ColourGreen}, {8, workflows.ColourAmber}, {14, workflows.ColourAmber}, {15, workflows.ColourRed}} {
			c.clock.Set(last.Add(time.Duration(tt.days)*24*time.Hour + time.Hour))
			r := row(t)
			if r.Colour != tt.want || r.Days != tt.days || r.Reason == "" {
				t.Errorf("%d days after the last progress: %s, %d days, %q; want %s", tt.days, r.Colour, r.Days, r.Reason, tt.want)
			}
		}
		page, err := c.svc.Watch.Progress(t.Context(), organizer, c.slug, workflows.ProgressFilter{Colour: workflows.ColourGreen})
		if err != nil || len(page.Rows) != 0 || page.Counts.Red != 1 {
			t.Errorf("green filter on a red student: %d rows, counts %+v, %v", len(page.Rows), page.Counts, err)
		}
		d, err := c.svc.Overview.Dashboard(t.Context(), organizer)
		if err != nil || d.Progress[p.Pairing.EventID].Red != 1 {
			t.Errorf("dashboard progress = %+v, %v; want one red", d.Progress, err)
		}
	})
}
