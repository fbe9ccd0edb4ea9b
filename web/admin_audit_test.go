package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// entryOf is the card of the newest entry of action on the page.
func entryOf(t *testing.T, d *goquery.Document, action string) *goquery.Selection {
	t.Helper()
	s := d.Find(`[data-testid="audit-row"][data-action="` + action + `"]`).First()
	if s.Length() == 0 {
		t.Fatalf("no %s entry on the page", action)
	}
	return s
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestAuditPageShowsActorAndSubject: the organizer accepting, the student
// withdrawing themself and Registrar promoting the next in line are each
// shown as who did it, apart from whom it concerns.
func TestAuditPageShowsActorAndSubject(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		org := app.signInOrganizer(t, "olga@example.org")
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		app.register(t, "spring", workflows.RoleStudent, "Bob Babbage", "bob@example.org") // waitlisted: one seat
		ada := app.registrationID(t, org, "spring", "ada@example.org")
		if w := org.post(t, "/admin/registrations/"+ada+"/accept", nil); w.Code != http.StatusSeeOther {
			t.Fatalf("accept: status %d", w.Code)
		}
		if w := app.signIn(t, "ada@example.org").post(t, "/me/registrations/"+ada+"/withdraw", nil); w.Code != http.StatusSeeOther {
			t.Fatalf("withdraw: status %d", w.Code)
		}
		d := doc(t, org.get(t, "/admin/audit"))
		if h := d.Find("h1").Text(); h != "Audit log" || strings.Contains(d.Text(), "Every organizer action") {
			t.Errorf("title %q: the page is not only organizers' actions", h)
		}
		tests := []struct{ action, kind, by, about string }{
			{"registration.accept", "organizer", "olga Organizer olga@example.org", "Ada Lovelace student in Upstream Spring"},
			{"registration.withdraw_own", "person", "Ada Lovelace About themself ada@example.org", "Ada Lovelace student in Upstream Spring"},
			{"registration.promote", "system", "Registrar Automatic", "Bob Babbage student in Upstream Spring"},
		}
		for _, tt := range tests {
			e := entryOf(t, d, tt.action)
			if k, _ := e.Attr("data-actor-kind"); k != tt.kind {
				t.Errorf("%s: actor kind %q, want %q", tt.action, k, tt.kind)
			}
			if by := squash(e.Find(`[data-testid="audit-actor"]`).Text()); by != tt.by {
				t.Errorf("%s: by %q, want %q", tt.action, by, tt.by)
			}
			if about := squash(e.Find(`[data-testid="audit-subject"]`).Text()); about != tt.about {
				t.Errorf("%s: about %q, want %q", tt.action, about, tt.about)
			}
		}
		if href, _ := entryOf(t, d, "registration.promote").Find(`[data-testid="audit-subject"] a`).First().Attr("href"); href != "/admin/people/"+app.personID(t, "bob@example.org") {
			t.Errorf("the promoted person links to %q, want their page", href)
		}
	})
}

// TestAuditPageFiltersAndPages: sign-ins are hidden until asked for, the
// filters are labelled selects in a GET form, and paging links keep them.
func TestAuditPageFiltersAndPages(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		org := app.signInOrganizer(t, "olga@example.org")
		olga := app.personID(t, "olga@example.org")
		var big workflows.Event
		err := db.InTx(t.Context(), func(tx workflows.Tx) (err error) {
			if big, err = tx.Events.EventBySlug(t.Context(), "big"); err != nil {
				return err
			}
			for i := range 60 {
				e := workflows.AuditEntry{ID: fmt.Sprintf("e%02d", i), At: app.clock.Now().Add(time.Duration(i-60) * time.Second),
					ActorKind: workflows.ActorOrganizer, ActorID: olga, Action: workflows.AuditEventUpdate, EventID: big.ID,
					Detail: fmt.Sprintf("Edit number %d.", i)}
				if err := tx.Audit.RecordAudit(t.Context(), e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}

		d := doc(t, org.get(t, "/admin/audit"))
		if d.Find(`[data-action="sign_in"]`).Length() != 0 {
			t.Errorf("sign-ins are shown by default")
		}
		form := d.Find(`form[data-testid="audit-filters"]`)
		if m, _ := form.Attr("method"); m != "get" {
			t.Errorf("the filter form's method is %q, want get", m)
		}
		for _, name := range []string{"event", "actor", "action", "sign_ins"} {
			id, _ := form.Find(`[name="` + name + `"]`).Attr("id")
			if id == "" || form.Find(`label[for="`+id+`"]`).Length() != 1 {
				t.Errorf("filter %s has no label", name)
			}
		}
		if d := doc(t, org.get(t, "/admin/audit?sign_ins=1")); d.Find(`[data-action="sign_in"]`).Length() != 1 {
			t.Errorf("sign_ins=1 does not show the organizer's sign-in")
		}
		if d := doc(t, org.get(t, "/admin/audit?action=sign_in")); d.Find(`[data-testid="audit-row"]`).Length() != 1 {
			t.Errorf("action=sign_in does not show only the sign-in")
		}

		q := "/admin/audit?event=big&actor=" + olga + "&action=event.update"
		first := doc(t, org.get(t, q))
		if n := first.Find(`[data-testid="audit-row"]`).Length(); n != 50 {
			t.Fatalf("first page: %d entries, want 50", n)
		}
		if first.Find(`#audit-event option[selected]`).AttrOr("value", "") != "big" ||
			first.Find(`#audit-actor option[selected]`).AttrOr("value", "") != olga {
			t.Errorf("the filters do not show what is selected")
		}
		next, _ := first.Find(`[data-testid="next-page"]`).Attr("href")
		u, err := url.Parse(next)
		if err != nil || u.Query().Get("event") != "big" || u.Query().Get("actor") != olga || u.Query().Get("action") != "event.update" ||
			u.Query().Get("after") != "e10" {
			t.Fatalf("next page link %q does not keep the filters", next)
		}
		second := doc(t, org.get(t, next))
		if n := second.Find(`[data-testid="audit-row"]`).Length(); n != 10 || second.Find(`[data-testid="next-page"]`).Length() != 0 {
			t.Errorf("second page: %d entries, want the last 10 and no next page", n)
		}
		prev, _ := second.Find(`[data-testid="prev-page"]`).Attr("href")
		if back := doc(t, org.get(t, prev)); back.Find(`[data-testid="audit-row"]`).First().Text() != first.Find(`[data-testid="audit-row"]`).First().Text() {
			t.Errorf("previous from the second page (%s) is not the first page", prev)
		}
		if d := doc(t, org.get(t, "/admin/audit?event=spring")); d.Find(`[data-testid="audit-empty"]`).Length() != 1 {
			t.Errorf("a filter that matches nothing does not say so")
		}
	})
}

// TestAuditPageParameters: only organizers see the audit log, whatever the
// query asks for; a bad filter is a clear 4xx.
func TestAuditPageParameters(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newMatrixFixture(t, db)
		paths := []string{"/admin/audit?event=spring&actor=" + f.adaID + "&action=registration.withdraw_own&sign_ins=1",
			"/admin/audit?actor=system&after=x", "/admin/audit?actor=organizer&before=x"}
		for _, path := range paths {
			for i, c := range f.clients {
				if w := c.get(t, path); w.Code != adminPage[i] {
					t.Errorf("GET %s as %s: status %d, want %d", path, personas[i], w.Code, adminPage[i])
				}
			}
		}
		org := f.clients[4]
		for path, want := range map[string]int{
			"/admin/audit?action=" + url.QueryEscape("x' OR '1'='1"): http.StatusUnprocessableEntity,
			"/admin/audit?actor=everyone":                            http.StatusNotFound, // not a kind: a person, and nobody has that ID
			"/admin/audit?event=winter":                              http.StatusNotFound,
		} {
			w := org.get(t, path)
			if w.Code != want || !strings.Contains(doc(t, w).Text(), "choose") && !strings.Contains(doc(t, w).Text(), "Choose") {
				t.Errorf("GET %s: status %d, want %d with a reason", path, w.Code, want)
			}
		}
	})
}
