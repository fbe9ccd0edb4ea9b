package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"registrar/integrations/sqlstore/sqlstoretest"
)

// FuzzSignupCreate posts arbitrary forms: the server must never panic or
// answer 500, and a rejected form must store nothing.
func FuzzSignupCreate(f *testing.F) {
	f.Add("students", "Ada", "ada@example.org", "UTC", "2", "goals")
	f.Add("mentors", "Grace", "grace@example.org", "Europe/Berlin", "10", "")
	f.Add("students", "", "", "", "", "")
	f.Add("mentors", "\xff\xfe", "a@b\r\n.c", "Mars/Base", "-1", "\x00")
	f.Add("students", "<script>alert(1)</script>", "x@y.z", "Local", "1e3", "=cmd|' /C calc'!A0")
	app := newTestApp(f, sqlstoretest.Open(f), 0) // fuzzing the form handler: SQLite only, for speed
	f.Fuzz(func(t *testing.T, role, name, email, tz, maxMentees, goals string) {
		before := app.count(t, "registrations")
		form := url.Values{"name": {name}, "email": {email}, "timezone": {tz}, "max_mentees": {maxMentees}, "goals": {goals}, "projects": {goals}}
		w := app.post(t, "/events/spring/"+url.PathEscape(role), form)
		after := app.count(t, "registrations")
		switch w.Code {
		case http.StatusSeeOther:
			if after > before+1 {
				t.Fatalf("one post stored %d registrations", after-before)
			}
		case http.StatusUnprocessableEntity, http.StatusNotFound, http.StatusBadRequest, http.StatusRequestEntityTooLarge:
			if after != before {
				t.Fatalf("rejected post (%d) stored a registration", w.Code)
			}
		default:
			t.Fatalf("status %d for role=%q name=%q email=%q tz=%q max=%q", w.Code, role, name, email, tz, maxMentees)
		}
	})
}
