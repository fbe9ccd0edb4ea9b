package workflows_test

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

var olga = workflows.Viewer{PersonID: "organizer-olga", Name: "Olga", Organizer: true}

// queue signs each address up for slug as a student, a minute apart, and
// returns their registration IDs by address.
func (f *fixture) queue(t *testing.T, slug string, role workflows.Role, addrs ...string) map[string]string {
	t.Helper()
	ids := map[string]string{}
	for _, a := range addrs {
		ids[a] = f.registered(t, slug, role, a)
		f.clock.Advance(time.Minute)
	}
	return ids
}

// standing reads each registration's status by address and the waitlist of
// role in order, as the organizers' list shows them.
func (f *fixture) standing(t *testing.T, slug string, role workflows.Role) (map[string]workflows.Status, []string) {
	t.Helper()
	list, err := f.admin().Reviews.Registrations(t.Context(), olga, slug, workflows.RegistrationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	status, place := map[string]workflows.Status{}, map[string]int{}
	var line []string
	for _, r := range list.Rows {
		status[r.Person.Email] = r.Status
		if p := list.Place[r.ID]; p > 0 && r.Role == role {
			line, place[r.Person.Email] = append(line, r.Person.Email), p
		}
	}
	slices.SortFunc(line, func(a, b string) int { return place[a] - place[b] })
	return status, line
}

func names(regs []workflows.RegistrationView) []string {
	var out []string
	for _, r := range regs {
		out = append(out, r.Person.Email)
	}
	return out
}

// TestDemotionGoesToTheEndOfTheLine: a student moved to the waitlist joins
// it at the end; the seat they held goes at once to the first in line, never
// back to them; the next freed seat goes to the new first in line.
func TestDemotionGoesToTheEndOfTheLine(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "cohort", 2, 2)
		ids := f.queue(t, "cohort", workflows.RoleStudent, "ada@example.org", "bob@example.org", "carol@example.org", "dan@example.org")
		reviews := f.admin().Reviews

		change, err := reviews.Waitlist(t.Context(), olga, ids["ada@example.org"])
		if err != nil {
			t.Fatal(err)
		}
		if got := names(change.Promoted); !slices.Equal(got, []string{"carol@example.org"}) {
			t.Errorf("demoting ada promoted %v, want carol (first in line)", got)
		}
		status, line := f.standing(t, "cohort", workflows.RoleStudent)
		if status["carol@example.org"] != workflows.StatusConfirmed || !slices.Equal(line, []string{"dan@example.org", "ada@example.org"}) {
			t.Fatalf("after demoting ada: %v, line %v; want carol seated, dan then ada waiting", status, line)
		}

		f.clock.Advance(time.Minute)
		change, err = reviews.Withdraw(t.Context(), olga, ids["bob@example.org"], "Changed jobs")
		if err != nil {
			t.Fatal(err)
		}
		if got := names(change.Promoted); !slices.Equal(got, []string{"dan@example.org"}) {
			t.Errorf("bob's withdrawal promoted %v, want dan, not ada who was demoted after him", got)
		}
		if _, line = f.standing(t, "cohort", workflows.RoleStudent); !slices.Equal(line, []string{"ada@example.org"}) {
			t.Errorf("line %v, want ada alone", line)
		}
	})
}

// TestDemotionNeverGivesTheSeatBack: with nobody else waiting, the seat of
// the demoted student stays free; an organizer can then give it to a
// specific person by hand, and an Accept with no seat left says why.
func TestDemotionNeverGivesTheSeatBack(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "small", 1, 1)
		ids := f.queue(t, "small", workflows.RoleStudent, "eve@example.org")
		reviews := f.admin().Reviews
		change, err := reviews.Waitlist(t.Context(), olga, ids["eve@example.org"])
		if err != nil || len(change.Promoted) != 0 {
			t.Fatalf("demote eve: promoted %v, %v; want nobody", names(change.Promoted), err)
		}
		if status, _ := f.standing(t, "small", workflows.RoleStudent); status["eve@example.org"] != workflows.StatusWaitlisted {
			t.Fatalf("eve is %s, want waitlisted", status["eve@example.org"])
		}
		more := f.queue(t, "small", workflows.RoleStudent, "frank@example.org") // takes the free seat on confirming
		f.clock.Advance(time.Minute)
		if _, err := reviews.Waitlist(t.Context(), olga, more["frank@example.org"]); err != nil {
			t.Fatal(err)
		}
		// Eve is first in line: frank's seat went to her.
		status, line := f.standing(t, "small", workflows.RoleStudent)
		if status["eve@example.org"] != workflows.StatusConfirmed || !slices.Equal(line, []string{"frank@example.org"}) {
			t.Fatalf("after demoting frank: %v, line %v", status, line)
		}
		_, err = reviews.Accept(t.Context(), olga, more["frank@example.org"])
		if workflows.KindOf(err) != workflows.Conflict || !strings.Contains(err.Error(), "Every student seat in Upstream small is taken (1 of 1)") {
			t.Fatalf("accepting frank with no seat: %v, want a Conflict that says why", err)
		}
		// A seat added by hand: the organizer promotes frank by name.
		must(t, db.InTx(t.Context(), func(tx workflows.Tx) error {
			return tx.Registrations.SetRegistrationStatus(t.Context(), ids["eve@example.org"], workflows.StatusWithdrawn, f.clock.Now())
		}))
		change, err = reviews.Accept(t.Context(), olga, more["frank@example.org"])
		if err != nil || change.Registration.Status != workflows.StatusAccepted {
			t.Fatalf("promote frank by hand: %+v, %v", change.Registration.Status, err)
		}
	})
}

// TestConcurrentPromotionsIntoTheLastSeat: two organizers accept two
// different waitlisted people into the one free seat at the same moment;
// exactly one succeeds and the other is told there is no seat.
func TestConcurrentPromotionsIntoTheLastSeat(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		for round, role := range []workflows.Role{workflows.RoleStudent, workflows.RoleMentor, workflows.RoleStudent, workflows.RoleMentor} {
			slug := "race" + string(rune('a'+round))
			f.event(t, slug, 1, 1)
			p := func(s string) string { return s + "-" + slug + "@example.org" }
			ids := f.queue(t, slug, role, p("seated"), p("one"), p("two"))
			// Free the seat without promoting anyone, as a capacity edit
			// that an organizer follows up by hand would.
			must(t, db.InTx(t.Context(), func(tx workflows.Tx) error {
				return tx.Registrations.SetRegistrationStatus(t.Context(), ids[p("seated")], workflows.StatusWithdrawn, f.clock.Now())
			}))
			otto := workflows.Viewer{PersonID: "organizer-otto", Name: "Otto", Organizer: true}
			errs := make([]error, 2)
			var wg sync.WaitGroup
			for i, who := range []workflows.Viewer{olga, otto} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, errs[i] = f.admin().Reviews.Accept(t.Context(), who, ids[p([]string{"one", "two"}[i])])
				}()
			}
			wg.Wait()
			won := 0
			for _, err := range errs {
				switch {
				case err == nil:
					won++
				case workflows.KindOf(err) != workflows.Conflict:
					t.Fatalf("%s: unexpected error %v", slug, err)
				}
			}
			status, _ := f.standing(t, slug, role)
			accepted := 0
			for _, s := range status {
				if s == workflows.StatusAccepted {
					accepted++
				}
			}
			if won != 1 || accepted != 1 {
				t.Fatalf("%s (%s): %d promotions succeeded and %d are accepted, want exactly 1 (%v)", slug, role, won, accepted, errs)
			}
		}
	})
}

// TestAddedSeatsWaitForTheOrganizer: raising capacity gives nobody a seat;
// the edit says how many seats are open, and the organizer promotes the
// person they choose, who need not be first in line.
func TestAddedSeatsWaitForTheOrganizer(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "grow", 1, 1)
		ids := f.queue(t, "grow", workflows.RoleStudent, "ada@example.org", "bob@example.org", "carol@example.org")
		a := f.admin()
		e, err := a.EventAdmin.Event(t.Context(), olga, "grow")
		if err != nil {
			t.Fatal(err)
		}
		form := workflows.EventFormOf(e.Event)
		form.StudentCapacity = 2
		change, err := a.EventAdmin.UpdateEvent(t.Context(), olga, "grow", form)
		if err != nil {
			t.Fatalf("raise capacity: %v", err)
		}
		if change.Open != 1 || len(change.Promoted) != 0 {
			t.Fatalf("raising capacity by one: open %d, promoted %v; want 1 open, nobody promoted", change.Open, names(change.Promoted))
		}
		if _, line := f.standing(t, "grow", workflows.RoleStudent); !slices.Equal(line, []string{"bob@example.org", "carol@example.org"}) {
			t.Fatalf("line %v, want bob then carol still waiting", line)
		}
		if _, err := a.Reviews.Accept(t.Context(), olga, ids["carol@example.org"]); err != nil {
			t.Fatalf("promote carol (second in line) by hand: %v", err)
		}
		status, line := f.standing(t, "grow", workflows.RoleStudent)
		if status["carol@example.org"] != workflows.StatusAccepted || !slices.Equal(line, []string{"bob@example.org"}) {
			t.Errorf("after promoting carol: %v, line %v; want carol accepted, bob first in line", status, line)
		}
	})
}
