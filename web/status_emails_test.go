package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// lastEmail returns the newest email of kind queued to addr.
func (a *testApp) lastEmail(t testing.TB, addr string, kind workflows.EmailKind) workflows.Email {
	t.Helper()
	emails, err := sqlstoretest.EmailsTo(t.Context(), a.db, addr)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(emails) - 1; i >= 0; i-- {
		if emails[i].Kind == kind {
			return emails[i]
		}
	}
	t.Fatalf("no %s email to %s", kind, addr)
	return workflows.Email{}
}

// says checks an email's subject and that both its parts hold each phrase.
func says(t testing.TB, e workflows.Email, subject string, phrases ...string) {
	t.Helper()
	if e.Subject != subject {
		t.Errorf("%s email: subject %q, want %q", e.Kind, e.Subject, subject)
	}
	html := strings.ReplaceAll(e.HTML, "&#39;", "'")
	for _, p := range phrases {
		inHTML := strings.TrimPrefix(p, "Status: ") // the HTML part's details are a table: the label is its own cell
		if !strings.Contains(e.Text, p) || !strings.Contains(html, inHTML) {
			t.Errorf("%s email lacks %q in its text or HTML part:\n%s", e.Kind, p, e.Text)
		}
	}
}

// TestOrganizerDecisionsEmailThePerson: accepting, moving to the waitlist,
// withdrawing (with the reason) and promoting each queue an email to the
// person in the outbox, in the plain status words; so does withdrawing
// oneself.
func TestOrganizerDecisionsEmailThePerson(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		for _, p := range [][2]string{{"Ada Lovelace", "ada@example.org"}, {"Bob Babbage", "bob@example.org"}, {"Cy Cray", "cy@example.org"}} {
			app.register(t, "spring", workflows.RoleStudent, p[0], p[1]) // spring has one student seat: Ada's
			app.clock.Advance(time.Minute)
		}
		app.register(t, "big", workflows.RoleStudent, "Dee Dijkstra", "dee@example.org")
		org := app.signInOrganizer(t, "olga@example.org")
		ada, bob := app.registrationID(t, org, "spring", "ada@example.org"), app.registrationID(t, org, "spring", "bob@example.org")
		act := func(id, action string, form url.Values) {
			t.Helper()
			if w := org.post(t, "/admin/registrations/"+id+"/"+action, form); w.Code != http.StatusSeeOther {
				t.Fatalf("%s %s: status %d", action, id, w.Code)
			}
		}

		act(ada, "accept", nil)
		says(t, app.lastEmail(t, "ada@example.org", workflows.EmailAccepted), "You're accepted for Upstream Spring",
			"an organizer accepted your registration as a student for Upstream Spring", "Status: Accepted", "pair you with a mentor")

		// Bob is 1st in line and takes Ada's seat when she moves to the end of it.
		act(ada, "waitlist", nil)
		says(t, app.lastEmail(t, "ada@example.org", workflows.EmailMovedToWaitlist), "You're on the waitlist for Upstream Spring",
			"An organizer moved your registration", "You are 2nd in line.", "If a seat frees up, we will email you and you are in.",
			"Status: On the waitlist (2nd)")
		says(t, app.lastEmail(t, "bob@example.org", workflows.EmailPromoted), "A seat is yours in Upstream Spring",
			"a seat freed up in Upstream Spring and you were first in line", "Status: Confirmed — awaiting review")

		act(bob, "withdraw", url.Values{"reason": {"Asked to swap with a colleague"}})
		says(t, app.lastEmail(t, "bob@example.org", workflows.EmailWithdrawn), "Your registration for Upstream Spring is withdrawn",
			"An organizer withdrew your registration", "The reason they gave: “Asked to swap with a colleague”", "Status: Withdrawn")
		// Cy joined the line before Ada was moved to it: the seat is Cy's.
		says(t, app.lastEmail(t, "cy@example.org", workflows.EmailPromoted), "A seat is yours in Upstream Spring", "you were first in line")
		if app.emailed(t, "ada@example.org", workflows.EmailPromoted) {
			t.Error("ada, moved to the end of the line, got the freed seat")
		}

		// A promotion by hand needs a free seat; without one the reason is given.
		w := org.post(t, "/admin/registrations/"+ada+"/accept", nil)
		if w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), "Every student seat in Upstream Spring is taken (1 of 1)") {
			t.Errorf("accepting ada with no seat: status %d, want 409 with the reason", w.Code)
		}
		cy := app.registrationID(t, org, "spring", "cy@example.org")
		act(cy, "withdraw", url.Values{"reason": {"No longer available"}}) // Ada is first in line and gets it
		says(t, app.lastEmail(t, "ada@example.org", workflows.EmailPromoted), "A seat is yours in Upstream Spring", "you were first in line")
		act(ada, "accept", nil)
		says(t, app.lastEmail(t, "ada@example.org", workflows.EmailAccepted), "You're accepted for Upstream Spring", "Status: Accepted")

		// Withdrawing oneself from /me is confirmed by email.
		dee := app.signIn(t, "dee@example.org")
		action, _ := doc(t, dee.get(t, "/me")).Find(`[data-testid="withdraw-form"]`).Attr("action")
		if w := dee.post(t, action, nil); w.Code != http.StatusSeeOther {
			t.Fatalf("withdraw from /me: status %d", w.Code)
		}
		says(t, app.lastEmail(t, "dee@example.org", workflows.EmailWithdrawnOwn), "You withdrew from Upstream Big",
			"This confirms that you withdrew your registration", "Status: Withdrawn")
	})
}
