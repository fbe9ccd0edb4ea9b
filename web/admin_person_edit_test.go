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

// TestAdminResendConfirmation: the person page offers "Resend confirmation"
// for a pending registration; the POST queues a usable link and an audit
// line, and comes back to the page.
func TestAdminResendConfirmation(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		org := app.signInOrganizer(t, "olga@example.org")
		if w := app.post(t, "/events/spring/students", studentForm()); w.Code != http.StatusSeeOther {
			t.Fatalf("sign up: %d", w.Code)
		}
		person := "/admin/people/" + app.personID(t, "ada@example.org")
		form := doc(t, org.get(t, person)).Find(`[data-testid="resend-form"]`)
		action, ok := form.Attr("action")
		if form.Length() != 1 || !ok {
			t.Fatalf("%d resend forms on the person page, want 1", form.Length())
		}
		w := org.post(t, action, nil)
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != person {
			t.Fatalf("resend: %d to %q", w.Code, w.Header().Get("Location"))
		}
		if n := app.confirmEmails(t, "ada@example.org"); n != 2 {
			t.Fatalf("%d confirmation emails, want 2", n)
		}
		d := doc(t, org.get(t, person))
		if h := d.Find(`[data-testid="person-history"]`).Text(); !strings.Contains(h, "new confirmation link") {
			t.Errorf("history %q lacks the resend", h)
		}
		if w := app.post(t, app.confirmPath(t, "ada@example.org"), nil); w.Code != http.StatusSeeOther {
			t.Fatalf("follow the link: %d", w.Code)
		}
		if doc(t, org.get(t, person)).Find(`[data-testid="resend-form"]`).Length() != 0 {
			t.Error("resend still offered once confirmed")
		}
	})
}

// TestAdminPersonEdit: the edit form shows the person's details; bad input
// is 422 with the form as typed and an error beside each field; a good edit
// is saved, audited old → new and re-syncs the person's row and card.
func TestAdminPersonEdit(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0, withMirrors(workflows.JobSheetRow, workflows.JobTrelloCard))
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		app.register(t, "big", workflows.RoleStudent, "Bob Babbage", "bob@example.org")
		org := app.signInOrganizer(t, "olga@example.org")
		person := "/admin/people/" + app.personID(t, "ada@example.org")
		reg := app.registrationID(t, org, "spring", "ada@example.org")

		edit, _ := doc(t, org.get(t, person)).Find(`[data-testid="edit-person"]`).Attr("href")
		d := doc(t, org.get(t, edit))
		if v, _ := d.Find(`#person-email`).Attr("value"); v != "ada@example.org" {
			t.Fatalf("edit form's address %q", v)
		}
		good := url.Values{"name": {"Ada King"}, "email": {"ada@example.org"}, "company": {"Engines"}, "irc": {"ada"}, "timezone": {"Europe/Berlin"}}
		with := func(k, v string) url.Values {
			f := url.Values{}
			for key, vals := range good {
				f[key] = vals
			}
			f.Set(k, v)
			return f
		}
		for _, tt := range []struct{ name, field, value string }{
			{"no name", "name", ""},
			{"bad address", "email", "ada-at-example"},
			{"taken address", "email", "bob@example.org"},
			{"unknown zone", "timezone", "Mars/Olympus"},
		} {
			w := org.post(t, person, with(tt.field, tt.value))
			d := doc(t, w)
			if w.Code != http.StatusUnprocessableEntity || d.Find(`[data-testid="error-`+tt.field+`"]`).Length() != 1 {
				t.Errorf("%s: status %d, want 422 with an error for %s", tt.name, w.Code, tt.field)
			}
			if v, _ := d.Find(`#person-company`).Attr("value"); v != "Engines" {
				t.Errorf("%s: company %q not kept", tt.name, v)
			}
		}
		app.clock.Advance(time.Minute)
		if w := org.post(t, person, good); w.Code != http.StatusSeeOther || w.Header().Get("Location") != person {
			t.Fatalf("save: %d to %q", w.Code, w.Header().Get("Location"))
		}
		d = doc(t, org.get(t, person))
		if name := d.Find(`[data-testid="person-name"]`).Text(); name != "Ada King" {
			t.Errorf("name %q after the edit", name)
		}
		if h := d.Find(`[data-testid="person-history"]`).Text(); !strings.Contains(h, "name “Ada Lovelace” → “Ada King”") {
			t.Errorf("history %q lacks the change", h)
		}
		var due int
		if err := db.View(t.Context(), func(tx workflows.Tx) error {
			jobs, err := tx.Jobs.JobsFor(t.Context(), []string{reg})
			for _, j := range jobs {
				if j.State == workflows.JobQueued && j.RunAt.Equal(app.clock.Now()) {
					due++
				}
			}
			return err
		}); err != nil || due != 2 {
			t.Errorf("%d mirror jobs due at the edit (%v), want the row and the card", due, err)
		}
	})
}
