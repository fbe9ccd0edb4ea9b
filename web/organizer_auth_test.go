package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/web"
	"registrar/workflows"
)

// TestSignInLinkRevokesTheOthers: following one sign-in link makes the
// person's other unused links useless.
func TestSignInLinkRevokesTheOthers(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		first := app.requestLogin(t, app.client(), "ada@example.org")
		second := app.requestLogin(t, app.client(), "ada@example.org")
		if w := app.client().post(t, second, nil); w.Code != http.StatusSeeOther {
			t.Fatalf("second link: status %d, want 303", w.Code)
		}
		if w := app.client().post(t, first, nil); w.Code != http.StatusGone {
			t.Fatalf("first link after the second was used: status %d, want 410", w.Code)
		}
	})
}

// TestOrganizerErasure: the last organizer cannot be erased, and erasing an
// organizer is in the audit log under the actor's name.
func TestOrganizerErasure(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		olga := app.signInOrganizer(t, "olga@example.org")
		olgaID := app.personID(t, "olga@example.org")
		if w := olga.post(t, "/admin/people/"+olgaID+"/erase", url.Values{"confirm": {"olga@example.org"}}); w.Code != http.StatusConflict {
			t.Fatalf("erase the last organizer: status %d, want 409", w.Code)
		}
		app.addOrganizer(t, "oscar@example.org")
		oscarID := app.personID(t, "oscar@example.org")
		if w := olga.post(t, "/admin/people/"+oscarID+"/erase", url.Values{"confirm": {"oscar@example.org"}}); w.Code != http.StatusSeeOther {
			t.Fatalf("erase another organizer: status %d, want 303", w.Code)
		}
		body := olga.get(t, "/admin/audit").Body.String()
		if !strings.Contains(body, "olga (olga@example.org) erased an organizer") {
			t.Errorf("the audit log does not say who erased an organizer")
		}
	})
}

// TestStepUpForEraseAndExport: a person's export and erasure need a sign-in
// of the last 15 minutes; an older one is sent to sign in again and back.
func TestStepUpForEraseAndExport(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		olga := app.signInOrganizer(t, "olga@example.org")
		ada := app.personID(t, "ada@example.org")
		person := "/admin/people/" + ada
		app.clock.Advance(16 * time.Minute)
		for _, w := range []*struct {
			method string
			code   int
		}{{http.MethodGet, 0}, {http.MethodPost, 0}} {
			var got int
			var to string
			if w.method == http.MethodGet {
				r := olga.get(t, person+"/export.json")
				got, to = r.Code, r.Header().Get("Location")
			} else {
				r := olga.post(t, person+"/erase", url.Values{"confirm": {"ada@example.org"}})
				got, to = r.Code, r.Header().Get("Location")
			}
			if got != http.StatusSeeOther || to != "/login?next="+url.QueryEscape(person) {
				t.Errorf("%s with a sign-in 16 minutes old: status %d to %q, want 303 to sign in and back", w.method, got, to)
			}
		}
		if n := app.count(t, "registrations"); n != 1 {
			t.Fatalf("registrations = %d: erased without a fresh sign-in", n)
		}
		if w := olga.get(t, person); w.Code != http.StatusOK {
			t.Fatalf("the person page itself needs no fresh sign-in: status %d", w.Code)
		}
		fresh := app.signIn(t, "olga@example.org")
		if w := fresh.get(t, person+"/export.json"); w.Code != http.StatusOK {
			t.Fatalf("export after signing in again: status %d", w.Code)
		}
	})
}

// TestEndOtherSessions: a person signed in on two browsers ends the other.
func TestEndOtherSessions(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		laptop, phone := app.signIn(t, "ada@example.org"), app.signIn(t, "ada@example.org")
		if d := doc(t, laptop.get(t, "/login")); d.Find(`form[action="/logout/others"]`).Length() != 1 {
			t.Fatal("the sign-in page of a signed-in person offers no way to end the other sessions")
		}
		if w := laptop.post(t, "/logout/others", nil); w.Code != http.StatusSeeOther {
			t.Fatalf("POST /logout/others: status %d", w.Code)
		}
		if w := phone.get(t, "/me"); w.Code != http.StatusSeeOther {
			t.Fatalf("the other session after ending it: status %d, want 303 to sign in", w.Code)
		}
		if w := laptop.get(t, "/me"); w.Code != http.StatusOK {
			t.Fatalf("this session: status %d, want 200", w.Code)
		}
		if w := app.post(t, "/logout/others", nil); w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login") {
			t.Fatalf("anonymous POST /logout/others: status %d to %q", w.Code, w.Header().Get("Location"))
		}
	})
}

// TestOrganizerIdleTimeout: an organizer's session ends after 12 idle
// hours; use keeps it alive, and other people's sessions keep their 7 days.
func TestOrganizerIdleTimeout(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0, func(s *web.Server) { s.Clock = s.Signups.(*workflows.Signups).Clock })
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		olga, ada := app.signInOrganizer(t, "olga@example.org"), app.signIn(t, "ada@example.org")
		app.clock.Advance(11 * time.Hour)
		if w := olga.get(t, "/admin"); w.Code != http.StatusOK {
			t.Fatalf("organizer after 11 idle hours: status %d, want 200", w.Code)
		}
		app.clock.Advance(11 * time.Hour)
		if w := olga.get(t, "/admin"); w.Code != http.StatusOK {
			t.Fatalf("organizer 11 hours after the last request: status %d, want 200", w.Code)
		}
		app.clock.Advance(12*time.Hour + time.Minute)
		if w := olga.get(t, "/admin"); w.Code != http.StatusSeeOther {
			t.Fatalf("organizer after 12 idle hours: status %d, want 303 to sign in", w.Code)
		}
		if w := ada.get(t, "/me"); w.Code != http.StatusOK {
			t.Fatalf("student after 34 idle hours: status %d, want 200", w.Code)
		}
	})
}
