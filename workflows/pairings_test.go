package workflows_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

var organizer = workflows.Viewer{PersonID: "organizer-1", Name: "Olga Organizer", Organizer: true}

// cohortFixture is an event whose people sign up, confirm and are accepted
// through the real use cases.
type cohortFixture struct {
	*fixture
	svc  workflows.Services
	slug string
}

func newCohort(t *testing.T, db *sqlstore.DB, starts, ends string) *cohortFixture {
	t.Helper()
	f := newFixture(t, db)
	if _, err := f.events.Create(t.Context(), workflows.EventInput{Slug: "cohort", Title: "Upstream cohort", Location: "Online",
		Timezone: "Europe/Berlin", StartsOn: starts, EndsOn: ends, StudentCapacity: 50, MentorCapacity: 50}); err != nil {
		t.Fatal(err)
	}
	return &cohortFixture{fixture: f, slug: "cohort", svc: workflows.NewServices(workflows.Deps{Store: db, Clock: f.clock,
		Emails: workflowstest.Renderer{}, Links: workflowstest.Links{}, Mirrors: []workflows.JobKind{workflows.JobSheetRow}})}
}

// student signs up a student with a project and zone and accepts them.
func (c *cohortFixture) student(t *testing.T, name, zone, project string) string {
	t.Helper()
	in := student(c.slug, strings.ToLower(name)+"@example.org")
	in.Name, in.Timezone, in.Project = name, zone, project
	id := c.signUp(t, in)
	if _, err := c.svc.Reviews.Accept(t.Context(), organizer, id); err != nil {
		t.Fatal(err)
	}
	return id
}

// mentor signs up a confirmed mentor.
func (c *cohortFixture) mentor(t *testing.T, name, zone, projects, capacity string) string {
	t.Helper()
	in := student(c.slug, strings.ToLower(name)+"@example.org")
	in.Role, in.Name, in.Timezone, in.Projects, in.MaxMentees, in.Project = workflows.RoleMentor, name, zone, projects, capacity, ""
	return c.signUp(t, in)
}

func (c *cohortFixture) signUp(t *testing.T, in workflows.SignupInput) string {
	t.Helper()
	c.clock.Advance(time.Minute) // sign-up order is by time
	out, err := c.signups.SignUp(t.Context(), in)
	if err != nil {
		t.Fatalf("sign up %s: %v", in.Email, err)
	}
	if _, err := c.signups.Confirm(t.Context(), c.confirmToken(t, in.Email)); err != nil {
		t.Fatal(err)
	}
	return out.RegistrationID
}

func (c *cohortFixture) board(t *testing.T) workflows.PairingBoard {
	t.Helper()
	b, err := c.svc.Pairings.Board(t.Context(), organizer, c.slug)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (c *cohortFixture) pair(t *testing.T, student, mentor string) workflows.PairResult {
	t.Helper()
	r, err := c.svc.Pairings.Pair(t.Context(), organizer, student, mentor)
	if err != nil {
		t.Fatalf("pair %s with %s: %v", student, mentor, err)
	}
	return r
}

func suggestedNames(s []workflows.Suggestion) []string {
	var out []string
	for _, x := range s {
		out = append(out, x.Mentor.Person.Name)
	}
	return out
}

// TestSuggestions: a shared project beats any overlap, the overlap follows
// each zone's own DST rules on the event's days, and a full mentor is never
// suggested.
func TestSuggestions(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		// 20 March 2027: New York is on summer time (since 14 March), Berlin
		// not yet (28 March). Fixed winter offsets would say 2 h.
		c := newCohort(t, db, "2027-03-20", "2027-03-20")
		ada := c.student(t, "Ada", "Europe/Berlin", "Nova")
		grace := c.student(t, "Grace", "Europe/Berlin", "cinder")
		c.mentor(t, "Nina", "America/New_York", "oslo.config, NOVA; Neutron", "2")
		c.mentor(t, "Paul", "Europe/Paris", "Cinder", "2")
		full := c.mentor(t, "Frida", "Europe/Berlin", "nova!", "1")
		c.pair(t, grace, full)

		b := c.board(t)
		if len(b.Unpaired) != 1 || b.Unpaired[0].Student.ID != ada {
			t.Fatalf("unpaired = %+v, want only Ada", b.Unpaired)
		}
		got := b.Unpaired[0].Suggestions
		if names := suggestedNames(got); strings.Join(names, ",") != "Nina,Paul" {
			t.Fatalf("suggestions = %v, want Nina (shared project) then Paul; Frida is full", names)
		}
		if got[0].SharedProject == "" || got[1].SharedProject != "" {
			t.Errorf("shared project: Nina %q, Paul %q", got[0].SharedProject, got[1].SharedProject)
		}
		if got[0].OverlapMin != 3*time.Hour || got[0].OverlapMax != 3*time.Hour {
			t.Errorf("Berlin–New York overlap on 20 March 2027 = %v–%v, want 3h (DST in New York only)", got[0].OverlapMin, got[0].OverlapMax)
		}
		if got[1].OverlapMin != 8*time.Hour {
			t.Errorf("Berlin–Paris overlap = %v, want 8h", got[1].OverlapMin)
		}
		if !strings.Contains(strings.Join(got[0].Reasons, "; "), "3 h of working hours shared") {
			t.Errorf("reasons = %q", got[0].Reasons)
		}
	})
}

// TestWorkingOverlapAcrossADSTChange covers days on both sides of Europe's
// change, and zones far apart.
func TestWorkingOverlapAcrossADSTChange(t *testing.T) {
	ev := func(from, to string) workflows.Event {
		s, _ := workflows.ParseDate(from)
		e, _ := workflows.ParseDate(to)
		return workflows.Event{StartsOn: s, EndsOn: e}
	}
	tests := []struct {
		name     string
		e        workflows.Event
		a, b     string
		min, max time.Duration
	}{
		{"winter, both standard", ev("2027-01-11", "2027-01-12"), "Europe/Berlin", "America/New_York", 2 * time.Hour, 2 * time.Hour},
		{"across Europe's change", ev("2027-03-26", "2027-03-29"), "Europe/Berlin", "America/New_York", 2 * time.Hour, 3 * time.Hour},
		{"same zone", ev("2027-03-26", "2027-03-29"), "Europe/Berlin", "Europe/Berlin", 8 * time.Hour, 8 * time.Hour},
		{"Auckland and Berlin never meet", ev("2027-06-07", "2027-06-07"), "Pacific/Auckland", "Europe/Berlin", 0, 0},
		{"Tokyo and Sydney", ev("2027-06-07", "2027-06-07"), "Asia/Tokyo", "Australia/Sydney", 7 * time.Hour, 7 * time.Hour},
		{"unknown zone counts as UTC", ev("2027-06-07", "2027-06-07"), "Mars/Olympus", "UTC", 8 * time.Hour, 8 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := workflows.WorkingOverlap(tt.e, tt.a, tt.b)
			if got[0] != tt.min || got[1] != tt.max {
				t.Fatalf("overlap = %v–%v, want %v–%v", got[0], got[1], tt.min, tt.max)
			}
		})
	}
}

// TestPairCapacityRace: two organizers fill a mentor's last place at once;
// exactly one succeeds.
func TestPairCapacityRace(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		c := newCohort(t, db, "2027-03-20", "2027-03-21")
		students := []string{c.student(t, "Ada", "UTC", "nova"), c.student(t, "Bob", "UTC", "nova")}
		mentor := c.mentor(t, "Nina", "UTC", "nova", "1")
		var wg sync.WaitGroup
		errs := make([]error, len(students))
		start := make(chan struct{})
		for i, s := range students {
			wg.Go(func() {
				<-start
				_, errs[i] = c.svc.Pairings.Pair(t.Context(), organizer, s, mentor)
			})
		}
		close(start)
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch workflows.KindOf(err) {
			case workflows.Kind(0):
				if err == nil {
					ok++
				}
			case workflows.Invalid:
				if !strings.Contains(workflows.MessageOf(err), "no room") {
					t.Errorf("refusal says %q, want no room", workflows.MessageOf(err))
				}
			default:
				t.Errorf("pair: %v", err)
			}
		}
		b := c.board(t)
		if ok != 1 || len(b.Current) != 1 || len(b.Unpaired) != 1 {
			t.Fatalf("%d succeeded, %d pairings, %d unpaired; want exactly one pairing (errors %v)", ok, len(b.Current), len(b.Unpaired), errs)
		}
	})
}

// TestRepairing moves a student to another mentor: the old pairing ends
// with a reason and an audit line, the loads follow.
func TestRepairing(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		c := newCohort(t, db, "2027-03-20", "2027-03-21")
		ada := c.student(t, "Ada", "UTC", "nova")
		nina := c.mentor(t, "Nina", "UTC", "nova", "2")
		paul := c.mentor(t, "Paul", "UTC", "nova", "2")
		first := c.pair(t, ada, nina)
		if first.Moved || first.Student.Status != workflows.StatusActive {
			t.Fatalf("first pairing = %+v, want a new pairing and an active student", first)
		}
		c.clock.Advance(time.Hour)
		second := c.pair(t, ada, paul)
		if !second.Moved {
			t.Fatal("re-pairing did not say it moved the student")
		}
		b := c.board(t)
		if len(b.Current) != 1 || b.Current[0].Mentor.ID != paul || b.Current[0].Load != 1 {
			t.Fatalf("current pairings = %+v, want Ada with Paul only", b.Current)
		}
		for _, m := range b.Mentors {
			if want := map[string]int{nina: 0, paul: 1}[m.Mentor.ID]; m.Load != want {
				t.Errorf("%s load = %d, want %d", m.Mentor.Person.Name, m.Load, want)
			}
		}
		var ended workflows.Pairing
		must(t, db.InTx(t.Context(), func(tx workflows.Tx) (err error) {
			ended, err = tx.Pairings.PairingByID(t.Context(), first.Pairing.ID)
			return err
		}))
		if ended.Open() || ended.EndReason != "Moved to Paul." {
			t.Errorf("old pairing = %+v, want ended with a reason", ended)
		}
		entries, err := c.svc.AuditTrail.Entries(t.Context(), organizer, workflows.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if !hasAudit(entries, workflows.AuditPairMove, "Moved Ada from Nina to Paul.") {
			t.Errorf("no audit line for the move in %+v", entries)
		}
		if _, err := c.svc.Pairings.Pair(t.Context(), organizer, ada, paul); workflows.KindOf(err) != workflows.Invalid {
			t.Errorf("pairing again with the same mentor: %v, want Invalid", err)
		}
	})
}

func hasAudit(entries []workflows.AuditEntry, action workflows.AuditAction, detail string) bool {
	for _, e := range entries {
		if e.Action == action && e.Detail == detail {
			return true
		}
	}
	return false
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
