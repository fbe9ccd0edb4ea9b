package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
)

func TestSignupCreateValid(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		w := app.post(t, "/events/spring/students", studentForm())
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/events/spring/check-email" {
			t.Fatalf("status %d, location %q; want 303 to the check-email page", w.Code, w.Header().Get("Location"))
		}
		if n := app.count(t, "registrations"); n != 1 {
			t.Fatalf("registrations = %d, want 1", n)
		}
		if n := app.count(t, "outbound_emails"); n != 1 {
			t.Fatalf("outbound emails = %d, want 1", n)
		}
		page := app.get(t, "/events/spring/check-email")
		if page.Code != http.StatusOK || doc(t, page).Find(`[data-testid="check-email"]`).Length() != 1 {
			t.Fatalf("check-email page: status %d", page.Code)
		}
	})
}

func TestSignupCreateInvalid(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tests := []struct {
			name  string
			path  string
			form  url.Values
			field string
		}{
			{"missing name", "/events/spring/students", studentForm(set("name", "")), "name"},
			{"missing email", "/events/spring/students", studentForm(set("email", "")), "email"},
			{"bad email", "/events/spring/students", studentForm(set("email", "ada@")), "email"},
			{"email with newline", "/events/spring/students", studentForm(set("email", "ada@example.org\nBcc: x@example.org")), "email"},
			{"name too long", "/events/spring/students", studentForm(set("name", strings.Repeat("n", 201))), "name"},
			{"company too long", "/events/spring/students", studentForm(set("company", strings.Repeat("c", 201))), "company"},
			{"email too long", "/events/spring/students", studentForm(set("email", strings.Repeat("e", 250)+"@x.org")), "email"},
			{"irc too long", "/events/spring/students", studentForm(set("irc", strings.Repeat("i", 65))), "irc"},
			{"goals too long", "/events/spring/students", studentForm(set("goals", strings.Repeat("g", 4001))), "goals"},
			{"invalid UTF-8", "/events/spring/students", studentForm(set("name", "Ada \xc3\x28")), "name"},
			{"unknown timezone", "/events/spring/students", studentForm(set("timezone", "Atlantis/Lost")), "timezone"},
			{"max mentees not a number", "/events/spring/mentors", mentorForm(set("max_mentees", "lots")), "max_mentees"},
			{"max mentees out of range", "/events/spring/mentors", mentorForm(set("max_mentees", "11")), "max_mentees"},
			{"mentor missing email", "/events/spring/mentors", mentorForm(set("email", " ")), "email"},
		}
		app := newTestApp(t, db, 0)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				w := app.post(t, tt.path, tt.form)
				if w.Code != http.StatusUnprocessableEntity {
					t.Fatalf("status = %d, want 422", w.Code)
				}
				d := doc(t, w)
				if d.Find(`[data-testid="error-`+tt.field+`"]`).Length() == 0 {
					t.Errorf("no error shown for %s", tt.field)
				}
				if d.Find(`[data-testid="error-summary"]`).Length() == 0 {
					t.Errorf("no error summary")
				}
				role := "student"
				if strings.HasSuffix(tt.path, "mentors") {
					role = "mentor"
				}
				if tt.field != "name" {
					if got, _ := d.Find(`[data-testid="` + role + `-form"] [name="name"]`).Attr("value"); got != tt.form.Get("name") {
						t.Errorf("name kept as %q, want %q", got, tt.form.Get("name"))
					}
				}
				for _, table := range []string{"people", "registrations", "outbound_emails", "jobs"} {
					if n := app.count(t, table); n != 0 {
						t.Errorf("%s has %d rows after invalid input", table, n)
					}
				}
			})
		}
	})
}

func TestSignupCreateRefusals(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tests := []struct {
			name   string
			path   string
			form   url.Values
			header []string
			status int
		}{
			{"unknown event", "/events/nope/students", studentForm(), nil, http.StatusNotFound},
			{"unknown role", "/events/spring/teachers", studentForm(), nil, http.StatusNotFound},
			{"closed event", "/events/past/students", studentForm(), nil, http.StatusGone},
			{"body over 64 KiB", "/events/spring/students", studentForm(set("goals", strings.Repeat("g", 70<<10))), nil, http.StatusRequestEntityTooLarge},
			{"cross-site fetch", "/events/spring/students", studentForm(), []string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
			{"foreign origin", "/events/spring/students", studentForm(), []string{"Origin", "https://evil.example"}, http.StatusForbidden},
		}
		app := newTestApp(t, db, 0)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				w := app.post(t, tt.path, tt.form, tt.header...)
				if w.Code != tt.status {
					t.Fatalf("status = %d, want %d", w.Code, tt.status)
				}
				if n := app.count(t, "registrations"); n != 0 {
					t.Errorf("registrations = %d after a refused post", n)
				}
			})
		}
	})
}

func TestSignupCreateDuplicateLooksTheSame(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		first := app.post(t, "/events/spring/students", studentForm())
		second := app.post(t, "/events/spring/mentors", mentorForm(set("email", "ADA@example.org")))
		if first.Code != second.Code || first.Header().Get("Location") != second.Header().Get("Location") {
			t.Fatalf("duplicate answered %d %q, first %d %q: they must look the same",
				second.Code, second.Header().Get("Location"), first.Code, first.Header().Get("Location"))
		}
		if n := app.count(t, "registrations"); n != 1 {
			t.Fatalf("registrations = %d, want 1", n)
		}
		if n := app.count(t, "outbound_emails"); n != 2 {
			t.Fatalf("emails = %d, want the confirmation and an already-registered notice", n)
		}
	})
}

func TestSignupHoneypotPretendsSuccess(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		w := app.post(t, "/events/spring/students", studentForm(set("website", "http://spam.example")))
		if w.Code != http.StatusSeeOther {
			t.Fatalf("status = %d, want 303", w.Code)
		}
		if n := app.count(t, "registrations") + app.count(t, "outbound_emails"); n != 0 {
			t.Fatalf("stored %d rows for a bot", n)
		}
	})
}

func TestSignupRateLimit(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 3)
		for i := range 3 {
			if w := app.post(t, "/events/spring/students", studentForm(set("name", ""))); w.Code != http.StatusUnprocessableEntity {
				t.Fatalf("post %d: status %d, want 422", i, w.Code)
			}
		}
		w := app.post(t, "/events/spring/students", studentForm())
		if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
			t.Fatalf("status %d, Retry-After %q; want 429 with Retry-After", w.Code, w.Header().Get("Retry-After"))
		}
		if n := app.count(t, "registrations"); n != 0 {
			t.Fatalf("rate-limited post stored %d registrations", n)
		}
	})
}

func TestConfirmLinkWorksOnceThenWaitlists(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.post(t, "/events/spring/students", studentForm())
		app.post(t, "/events/spring/students", studentForm(set("email", "bob@example.org")))
		ada, bob := app.confirmPath(t, "ada@example.org"), app.confirmPath(t, "bob@example.org")
		c := app.client()
		steps := []struct {
			method, path, testid string
			status               int
		}{
			{http.MethodGet, ada, "confirm-ready", http.StatusOK}, // a mail scanner's GET changes nothing
			{http.MethodGet, ada, "confirm-ready", http.StatusOK},
			{http.MethodPost, ada, "", http.StatusSeeOther},
			{http.MethodGet, ada + "?done", "confirm-confirmed", http.StatusOK}, // where the 303 lands
			{http.MethodGet, ada, "confirm-already", http.StatusGone},
			{http.MethodPost, ada, "confirm-already", http.StatusGone},
			{http.MethodPost, bob, "", http.StatusSeeOther},
			{http.MethodGet, bob + "?done", "confirm-waitlisted", http.StatusOK},
			{http.MethodGet, "/confirm/nonsense", "confirm-invalid", http.StatusNotFound},
			{http.MethodPost, "/confirm/nonsense", "confirm-invalid", http.StatusNotFound},
		}
		for i, s := range steps {
			w := c.get(t, s.path)
			if s.method == http.MethodPost {
				w = c.post(t, s.path, nil)
			}
			if w.Code != s.status {
				t.Fatalf("step %d: %s %s: status %d, want %d", i, s.method, s.path, w.Code, s.status)
			}
			if s.testid != "" && doc(t, w).Find(`[data-testid="`+s.testid+`"]`).Length() != 1 {
				t.Fatalf("step %d: %s %s: no %s on the page", i, s.method, s.path, s.testid)
			}
		}
		if w := app.post(t, bob, nil, "Origin", "https://evil.example"); w.Code != http.StatusForbidden {
			t.Fatalf("cross-origin confirmation: status %d, want 403", w.Code)
		}
	})
}
