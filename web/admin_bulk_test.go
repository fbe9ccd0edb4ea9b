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

// TestBulkActionsFromTheList ticks rows of an event's list and acts on them:
// over capacity or without a reason the list comes back (422) with the
// message and the selection kept; otherwise 303 back to the same list with a
// summary, the freed seat going to the first in line.
func TestBulkActionsFromTheList(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0) // spring has 1 student seat
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		for _, name := range []string{"Bob", "Carol"} {
			app.clock.Advance(time.Minute)
			app.register(t, "spring", workflows.RoleStudent, name, strings.ToLower(name)+"@example.org")
		}
		org := app.signInOrganizer(t, "olga@example.org")
		id := map[string]string{}
		for _, a := range []string{"ada", "bob", "carol"} {
			id[a] = app.registrationID(t, org, "spring", a+"@example.org")
		}
		const back = "/admin/events/spring?sort=name"

		w := org.post(t, "/admin/events/spring/registrations/bulk", url.Values{"action": {"accept"},
			"registration": {id["bob"], id["carol"]}, "back": {back}})
		d := doc(t, w)
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(d.Find(`[data-testid="bulk-error"]`).Text(),
			"Only 0 student seats are free; you selected 2 from the waitlist") {
			t.Fatalf("over capacity: status %d, error %q", w.Code, d.Find(`[data-testid="bulk-error"]`).Text())
		}
		for a, want := range map[string]bool{"ada": false, "bob": true, "carol": true} {
			if _, ticked := d.Find(`[data-id="` + id[a] + `"] [data-testid="select"]`).Attr("checked"); ticked != want {
				t.Errorf("%s ticked %v after the refusal, want %v", a, ticked, want)
			}
		}
		if v, _ := d.Find(`[data-testid="bulk-form"] input[name="back"]`).Attr("value"); v != back {
			t.Errorf("the form returns to %q, want %q", v, back)
		}

		w = org.post(t, "/admin/events/spring/registrations/bulk", url.Values{"action": {"withdraw"},
			"registration": {id["ada"], id["carol"]}, "back": {back}})
		if w.Code != http.StatusUnprocessableEntity || doc(t, w).Find(`[data-testid="bulk-form"] [data-testid="error-reason"]`).Length() != 1 {
			t.Fatalf("withdraw without a reason: status %d, want 422 with the error in the bulk form", w.Code)
		}
		if s := app.statuses(t, org, "spring"); s["ada@example.org"] != "confirmed" || s["bob@example.org"] != "waitlisted" {
			t.Fatalf("refused actions changed statuses: %v", s)
		}

		w = org.post(t, "/admin/events/spring/registrations/bulk", url.Values{"action": {"withdraw"}, "reason": {"Cohort moved"},
			"registration": {id["ada"], id["carol"]}, "back": {back}})
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != back {
			t.Fatalf("withdraw: status %d to %q", w.Code, w.Header().Get("Location"))
		}
		flash := doc(t, org.get(t, back)).Find(`[data-testid="flash"]`).Text()
		if !strings.Contains(flash, "Withdrew Carol and Ada Lovelace.") || !strings.Contains(flash, "went to Bob from the waitlist") {
			t.Errorf("flash %q", flash)
		}
		s := app.statuses(t, org, "spring")
		if s["ada@example.org"] != "withdrawn" || s["carol@example.org"] != "withdrawn" || s["bob@example.org"] == "waitlisted" {
			t.Errorf("statuses after the withdrawal: %v", s)
		}
	})
}

// TestSelectAllOnThisPage: without JavaScript, "select all" is a link to the
// same page with every row ticked and the bulk form ready.
func TestSelectAllOnThisPage(t *testing.T) {
	app := newTestApp(t, sqlstoretest.Open(t), 0)
	app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
	app.register(t, "spring", workflows.RoleMentor, "Grace Hopper", "grace@example.org")
	org := app.signInOrganizer(t, "olga@example.org")
	link, ok := doc(t, org.get(t, "/admin/events/spring?role=mentor")).Find(`[data-testid="select-all"]`).Attr("href")
	if !ok || !strings.Contains(link, "select=page") || !strings.Contains(link, "role=mentor") {
		t.Fatalf("select-all link %q", link)
	}
	d := doc(t, org.get(t, link))
	boxes := d.Find(`[data-testid="select"]`)
	if boxes.Length() != 1 || boxes.Filter(`[checked]`).Length() != 1 || d.Find(`[data-testid="clear-selection"]`).Length() != 1 {
		t.Errorf("%d boxes, %d ticked", boxes.Length(), boxes.Filter(`[checked]`).Length())
	}
	if form, _ := boxes.Attr("form"); form != "bulk" || d.Find(`form#bulk`).Length() != 1 {
		t.Errorf("the boxes belong to form %q", form)
	}
}
