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

func TestEventCreateAndEdit(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		org := app.signInOrganizer(t, "olga@example.org")
		good := url.Values{"title": {"Autumn Training"}, "slug": {"autumn"}, "location": {"Online"}, "timezone": {"Europe/Paris"},
			"starts": {"2026-10-05"}, "ends": {"2026-10-07"}, "student_capacity": {"1"}, "mentor_capacity": {"2"},
			"opens_at": {"2026-03-01T09:00"}, "closes_at": {"2026-10-01T18:00"}}
		with := func(k, v string) url.Values {
			f := url.Values{}
			for key, vals := range good {
				f[key] = vals
			}
			f.Set(k, v)
			return f
		}
		tests := []struct {
			name  string
			form  url.Values
			field string
		}{
			{"no title", with("title", ""), "title"},
			{"taken slug", with("slug", "spring"), "slug"},
			{"bad slug", with("slug", "Not A Slug"), "slug"},
			{"seats not a number", with("student_capacity", "many"), "student_capacity"},
			{"ends before it starts", with("ends", "2026-10-01"), "ends"},
			{"closes before it opens", with("closes_at", "2026-02-01T09:00"), "closes_at"},
			{"window not a time", with("opens_at", "soon"), "opens_at"},
		}
		for _, tt := range tests {
			w := org.post(t, "/admin/events", tt.form)
			if w.Code != http.StatusUnprocessableEntity || doc(t, w).Find(`[data-testid="error-`+tt.field+`"]`).Length() != 1 {
				t.Errorf("%s: status %d, want 422 with an error for %s", tt.name, w.Code, tt.field)
			}
		}
		if w := org.post(t, "/admin/events", good); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/admin/events/autumn" {
			t.Fatalf("create: status %d to %q", w.Code, w.Header().Get("Location"))
		}
		app.register(t, "autumn", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		app.register(t, "autumn", workflows.RoleStudent, "Bob Babbage", "bob@example.org") // waitlisted

		if w := org.post(t, "/admin/events/autumn", with("student_capacity", "0")); w.Code != http.StatusUnprocessableEntity {
			t.Fatalf("capacity under the seats held: status %d, want 422", w.Code)
		}
		if w := org.post(t, "/admin/events/autumn", with("student_capacity", "2")); w.Code != http.StatusSeeOther {
			t.Fatalf("raise capacity: status %d", w.Code)
		}
		// The added seat waits for the organizer, who is told so.
		list := doc(t, org.get(t, "/admin/events/autumn"))
		if flash := list.Find(`[data-testid="flash"]`).Text(); !strings.Contains(flash, "1 student seat is free while people wait") {
			t.Errorf("flash after raising capacity = %q, want it to say a seat is free for the waitlist", flash)
		}
		if s := app.statuses(t, org, "autumn")["bob@example.org"]; s != "waitlisted" {
			t.Fatalf("bob is %s after a seat was added, want still waitlisted until an organizer accepts him", s)
		}
		if w := org.post(t, "/admin/registrations/"+app.registrationID(t, org, "autumn", "bob@example.org")+"/accept", nil); w.Code != http.StatusSeeOther {
			t.Fatalf("accept bob from the waitlist: status %d", w.Code)
		}
		if s := app.statuses(t, org, "autumn")["bob@example.org"]; s != "accepted" {
			t.Fatalf("bob is %s after the organizer accepted him, want accepted", s)
		}
		edit := doc(t, org.get(t, "/admin/events/autumn/edit"))
		if v, _ := edit.Find(`#event-opens-at`).Attr("value"); v != "2026-03-01T09:00" {
			t.Errorf("edit form shows opens_at %q, want it in the event's zone", v)
		}
		if w := org.post(t, "/admin/events/autumn/close", nil); w.Code != http.StatusSeeOther {
			t.Fatalf("close: status %d", w.Code)
		}
		if w := app.post(t, "/events/autumn/students", studentForm(set("email", "late@example.org"))); w.Code != http.StatusGone {
			t.Fatalf("sign-up after closing: status %d, want 410", w.Code)
		}
		d := doc(t, org.get(t, "/admin/audit"))
		for _, action := range []string{"event.create", "event.update", "event.close", "registration.accept"} {
			if d.Find(`[data-action="`+action+`"]`).Length() == 0 {
				t.Errorf("audit log has no %s", action)
			}
		}
	})
}
