package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
)

// TestFormatCharactersRefused: names, companies and nicks refuse bidi
// overrides and other invisible format characters (they can make a name
// read as something else in an organizer's list or an email); the joiners
// some scripts need stay allowed.
func TestFormatCharactersRefused(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		tests := []struct {
			name  string
			form  url.Values
			field string // "" when accepted
		}{
			{"right-to-left override in a name", studentForm(set("name", "Ada \u202Egnp.exe")), "name"},
			{"isolate in a name", studentForm(set("name", "Ada \u2066Admin\u2069")), "name"},
			{"zero-width space in a name", studentForm(set("name", "Ad\u200Ba")), "name"},
			{"left-to-right mark in a company", studentForm(set("company", "Engines\u200E")), "company"},
			{"byte-order mark in a nick", studentForm(set("irc", "\uFEFFada")), "irc"},
			{"override in a mentor's name", mentorForm(set("name", "Grace \u202DHopper")), "name"},
			{"Persian name with a zero-width non-joiner", studentForm(set("name", "می\u200Cخواهم"), set("email", "fa@example.org")), ""},
			{"name with a zero-width joiner", studentForm(set("name", "ශ්\u200Dරී"), set("email", "si@example.org")), ""},
		}
		for _, tt := range tests {
			role := "students"
			if tt.form.Get("max_mentees") != "" {
				role = "mentors"
			}
			w := app.post(t, "/events/big/"+role, tt.form)
			if tt.field == "" {
				if w.Code != http.StatusSeeOther {
					t.Errorf("%s: status %d, want 303", tt.name, w.Code)
				}
				continue
			}
			if w.Code != http.StatusUnprocessableEntity || doc(t, w).Find(`[data-testid="error-`+tt.field+`"]`).Length() != 1 {
				t.Errorf("%s: status %d, want 422 with an error for %s", tt.name, w.Code, tt.field)
			}
		}
	})
}

// TestEventTitleAndLocationOnOneLine: both reach email subjects and text, so
// a line break is refused with a field error.
func TestEventTitleAndLocationOnOneLine(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		org := app.signInOrganizer(t, "olga@example.org")
		good := url.Values{"title": {"Autumn Training"}, "slug": {"autumn"}, "location": {"Online"}, "timezone": {"UTC"},
			"starts": {"2026-10-05"}, "ends": {"2026-10-07"}, "student_capacity": {"1"}, "mentor_capacity": {"2"}}
		with := func(k, v string) url.Values {
			f := url.Values{}
			for key, vals := range good {
				f[key] = vals
			}
			f.Set(k, v)
			return f
		}
		tests := []struct {
			name, path string
			form       url.Values
			field      string
		}{
			{"title with CR LF", "/admin/events", with("title", "Autumn\r\nBcc: all@example.org"), "title"},
			{"title with LF", "/admin/events", with("title", "Autumn\nURGENT"), "title"},
			{"location with CR", "/admin/events", with("location", "Berlin\rBcc: x"), "location"},
			{"title override", "/admin/events", with("title", "Autumn \u202Enoitaivda"), "title"},
			{"edit: location with LF", "/admin/events/spring", with("location", "Berlin\nhttps://evil.example"), "location"},
		}
		for i, tt := range tests {
			if tt.path == "/admin/events" {
				tt.form.Set("slug", "autumn-"+strconv.Itoa(i)) // each would be created if not refused
			}
			w := org.post(t, tt.path, tt.form)
			if w.Code != http.StatusUnprocessableEntity || doc(t, w).Find(`[data-testid="error-`+tt.field+`"]`).Length() != 1 {
				t.Errorf("%s: status %d, want 422 with an error for %s", tt.name, w.Code, tt.field)
			}
		}
	})
}
