package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestSignupFormIsNoMailCannon: whoever types an address into the public
// form cannot make Registrar send its owner a stream of mail, nor put their
// own words in front of it.
func TestSignupFormIsNoMailCannon(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		lure := "URGENT verify at https://evil.example/x"
		for range 10 {
			if w := app.post(t, "/events/spring/students", studentForm(set("name", lure))); w.Code != http.StatusSeeOther {
				t.Fatalf("sign up: status %d", w.Code)
			}
		}
		emails := func(kind workflows.EmailKind) []workflows.Email {
			all, err := sqlstoretest.EmailsTo(t.Context(), db, "ada@example.org")
			if err != nil {
				t.Fatal(err)
			}
			var out []workflows.Email
			for _, e := range all {
				if e.Kind == kind {
					out = append(out, e)
				}
			}
			return out
		}
		if n := len(emails(workflows.EmailAlreadyRegistered)); n != 1 {
			t.Errorf("%d already-registered emails after 10 sign-ups, want 1 an hour", n)
		}
		for _, e := range append(emails(workflows.EmailConfirmSignup), emails(workflows.EmailAlreadyRegistered)...) {
			if strings.Contains(e.Text+e.HTML+e.Subject, "URGENT") {
				t.Errorf("%s email to an unconfirmed address carries the typed name:\n%s", e.Kind, e.Text)
			}
		}
		app.clock.Advance(61 * time.Minute)
		app.post(t, "/events/spring/students", studentForm(set("name", lure)))
		if n := len(emails(workflows.EmailAlreadyRegistered)); n != 2 {
			t.Errorf("%d already-registered emails an hour later, want 2", n)
		}
		// The sign-in link of an unconfirmed address greets no one by name.
		app.requestLogin(t, app.client(), "ada@example.org")
		if e := emails(workflows.EmailLoginLink); len(e) != 1 || strings.Contains(e[0].Text, "URGENT") {
			t.Errorf("sign-in email to an unconfirmed address: %d, greets with the typed name", len(e))
		}
		// Once an address is confirmed, its person is greeted by name.
		app.register(t, "big", workflows.RoleStudent, "Bob Babbage", "bob@example.org")
		app.requestLogin(t, app.client(), "bob@example.org")
		all, _ := sqlstoretest.EmailsTo(t.Context(), db, "bob@example.org")
		for _, e := range all {
			if e.Kind == workflows.EmailLoginLink && !strings.Contains(e.Text, "Hello Bob Babbage,") {
				t.Errorf("sign-in email to a confirmed address does not greet by name:\n%s", e.Text)
			}
		}
	})
}

// TestOwnerReplacesUnconfirmedDetails: details typed next to an address
// that nobody has confirmed give way to the next sign-up's, so the owner's
// own sign-up is what their confirmed person holds; once confirmed, a
// stranger's sign-up changes nothing.
func TestOwnerReplacesUnconfirmedDetails(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.post(t, "/events/spring/students", studentForm(set("name", "URGENT see https://evil.example"), set("company", "Evil")))
		app.register(t, "big", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		org := app.signInOrganizer(t, "olga@example.org")
		page := org.get(t, "/admin/people/"+app.personID(t, "ada@example.org")).Body.String()
		if strings.Contains(page, "URGENT") || strings.Contains(page, "Evil") || !strings.Contains(page, "Ada Lovelace") {
			t.Errorf("the confirmed person keeps the first, unconfirmed sign-up's details")
		}
		app.post(t, "/events/spring/students", studentForm(set("name", "Mallory")))
		page = org.get(t, "/admin/people/"+app.personID(t, "ada@example.org")).Body.String()
		if strings.Contains(page, "Mallory") {
			t.Errorf("a sign-up after confirmation changed the person's details")
		}
	})
}
