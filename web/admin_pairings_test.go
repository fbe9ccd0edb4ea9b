package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// pairingApp has, in "big", two accepted students wanting nova, a mentor
// of nova with one place and one of swift with three.
type pairingApp struct {
	app                  *testApp
	org                  *client
	ada, bob, nina, paul string
}

func newPairingApp(t *testing.T, db *sqlstore.DB) *pairingApp {
	t.Helper()
	a := newTestApp(t, db, 0)
	p := &pairingApp{app: a, org: a.signInOrganizer(t, "olga@example.org")}
	a.register(t, "big", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
	a.register(t, "big", workflows.RoleStudent, "Bob Builder", "bob@example.org")
	for _, m := range []url.Values{
		mentorForm(set("name", "Nina Nova"), set("email", "nina@example.org"), set("max_mentees", "1")),
		mentorForm(set("name", "Paul Swift"), set("email", "paul@example.org"), set("projects", "swift")),
	} {
		if w := a.post(t, "/events/big/mentors", m); w.Code != http.StatusSeeOther {
			t.Fatalf("mentor sign-up: %d", w.Code)
		}
		if w := a.post(t, a.confirmPath(t, m.Get("email")), nil); w.Code != http.StatusSeeOther {
			t.Fatalf("confirm: %d", w.Code)
		}
	}
	p.ada, p.bob = a.registrationID(t, p.org, "big", "ada@example.org"), a.registrationID(t, p.org, "big", "bob@example.org")
	p.nina, p.paul = a.registrationID(t, p.org, "big", "nina@example.org"), a.registrationID(t, p.org, "big", "paul@example.org")
	for _, id := range []string{p.ada, p.bob} {
		if w := p.org.post(t, "/admin/registrations/"+id+"/accept", nil); w.Code != http.StatusSeeOther {
			t.Fatalf("accept: %d", w.Code)
		}
	}
	return p
}

func TestAdminPairings(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		p := newPairingApp(t, db)
		page := doc(t, p.org.get(t, "/admin/events/big/pairings"))
		if n := page.Find(`[data-testid="waiting-student"]`).Length(); n != 2 {
			t.Fatalf("%d students waiting, want 2", n)
		}
		if n := page.Find(`[data-testid="idle"]`).Length(); n != 2 {
			t.Errorf("%d mentors marked without a mentee, want 2", n)
		}

		// Bob first: Nina's one place goes to him.
		w := p.org.post(t, "/admin/pairings", url.Values{"student": {p.bob}, "mentor": {p.nina}})
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/admin/events/big/pairings" {
			t.Fatalf("pair: %d to %q, want 303 back to the pairings page", w.Code, w.Header().Get("Location"))
		}
		tests := []struct {
			name, student, mentor, want string
		}{
			{"full mentor", p.ada, p.nina, "Nina Nova has no room: 1 / 1 mentees."},
			{"mentor as student", p.paul, p.nina, "Paul Swift signed up as a mentor, not a student."},
			{"no mentor chosen", p.ada, "", "Choose a student and a mentor."},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				w := p.org.post(t, "/admin/pairings", url.Values{"student": {tt.student}, "mentor": {tt.mentor}})
				if w.Code != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422", w.Code)
				}
				d := doc(t, w)
				if got := strings.TrimSpace(d.Find(`[data-testid="pairing-error"] p`).Text()); got != tt.want {
					t.Errorf("reason %q, want %q", got, tt.want)
				}
				if n := d.Find(`[data-testid="pairing-row"]`).Length(); n != 1 {
					t.Errorf("%d pairings on the page, want Bob's only", n)
				}
			})
		}
		page = doc(t, p.org.get(t, "/admin/events/big/pairings"))
		if got := page.Find(`[data-testid="pairing-row"] [data-testid="load"]`).Text(); got != "1 / 1" {
			t.Errorf("Nina's load = %q, want 1 / 1", got)
		}
		for _, s := range page.Find(`[data-testid="suggestion"]`).EachIter() {
			if strings.Contains(s.Text(), "Nina") {
				t.Error("a full mentor is suggested")
			}
		}

		// Pair everyone else with their first suggestion: Ada goes to Paul.
		if w := p.org.post(t, "/admin/events/big/pairings", nil); w.Code != http.StatusSeeOther {
			t.Fatalf("pair all: %d", w.Code)
		}
		page = doc(t, p.org.get(t, "/admin/events/big/pairings"))
		if n := page.Find(`[data-testid="pairing-row"]`).Length(); n != 2 || page.Find(`[data-testid="nobody-waiting"]`).Length() != 1 {
			t.Fatalf("after pair all: %d pairings", n)
		}
		id, _ := page.Find(`[data-testid="pairing-row"]`).First().Attr("data-id")
		if w := p.org.post(t, "/admin/pairings/"+id+"/end", url.Values{"reason": {""}}); w.Code != http.StatusUnprocessableEntity {
			t.Errorf("end without a reason: %d, want 422", w.Code)
		}
		if w := p.org.post(t, "/admin/pairings/"+id+"/end", url.Values{"reason": {"Mentor on leave"}}); w.Code != http.StatusSeeOther {
			t.Errorf("end: %d, want 303", w.Code)
		}

		progress := doc(t, p.org.get(t, "/admin/events/big/progress"))
		rows := progress.Find(`[data-testid="progress-row"]`)
		if rows.Length() != 2 || rows.Find(`[data-testid="steps"]`).First().Text() != "0/10" {
			t.Fatalf("progress rows: %d, steps %q", rows.Length(), rows.Find(`[data-testid="steps"]`).First().Text())
		}
		for _, c := range []string{"funnel-chart", "weekly-chart"} {
			if progress.Find(`[data-testid="`+c+`"] svg[role="img"]`).Length() != 1 || progress.Find(`[data-testid="`+c+`"] table`).Length() != 1 {
				t.Errorf("%s: want an SVG with a role and a table alternative", c)
			}
		}
	})
}
