package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/web"
	"registrar/workflows"
)

// setContent writes an event's content as the admin form would.
func (a *testApp) setContent(t testing.TB, slug string, c workflows.EventContent) {
	t.Helper()
	err := a.db.InTx(t.Context(), func(tx workflows.Tx) error {
		e, err := tx.Events.EventBySlug(t.Context(), slug)
		if err != nil {
			return err
		}
		return tx.Contents.SaveEventContent(t.Context(), e.ID, c, a.clock.Now())
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestPrivacyNoticeListsOnlyIntegrationsOn(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		states := func(on ...string) []web.Integration {
			var out []web.Integration
			for _, name := range []string{"mailgun", "sheets", "trello"} {
				in := web.Integration{Name: name, Missing: []string{"SOMETHING"}}
				for _, o := range on {
					in.On = in.On || o == name
				}
				out = append(out, in)
			}
			return out
		}
		tests := []struct {
			name string
			ints []web.Integration
			want []string
		}{
			{"all off", states(), []string{"Registrar (this site)"}},
			{"sheets only", states("sheets"), []string{"Registrar (this site)", "Google Sheets"}},
			{"all on", states("mailgun", "sheets", "trello"), []string{"Registrar (this site)", "Google Sheets", "Trello", "Mailgun"}},
		}
		events := newTestApp(t, db, 0)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				app := startTestApp(t, db, events.clock, 0, func(s *web.Server) { s.Config.Integrations = tt.ints })
				var got []string
				doc(t, app.get(t, "/events/spring")).Find(`[data-testid="privacy-place"] strong`).Each(func(_ int, s *goquery.Selection) {
					got = append(got, strings.TrimSuffix(s.Text(), ":"))
				})
				if strings.Join(got, ", ") != strings.Join(tt.want, ", ") {
					t.Errorf("privacy notice names %q, want %q", got, tt.want)
				}
			})
		}
	})
}

func TestCodeOfConductMustBeAccepted(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.setContent(t, "big", workflows.EventContent{CodeOfConduct: "https://example.org/coc", ContactEmail: "team@example.org"})
		page := doc(t, app.get(t, "/events/big"))
		for _, role := range []string{"student", "mentor"} {
			box := page.Find(`[data-testid="` + role + `-form"] input[type="checkbox"][name="code_of_conduct"]`)
			if box.Length() != 1 || box.Parent().Find(`a[href="https://example.org/coc"]`).Length() != 1 {
				t.Fatalf("%s form: no code-of-conduct box linking to it", role)
			}
		}

		w := app.post(t, "/events/big/students", studentForm())
		if w.Code != http.StatusUnprocessableEntity {
			t.Fatalf("without accepting: status %d, want 422", w.Code)
		}
		d := doc(t, w)
		if d.Find(`[data-testid="error-code_of_conduct"]`).Length() != 1 || d.Find(`[data-testid="error-summary"] a[href="#student-coc"]`).Length() != 1 {
			t.Error("no field error (with its summary link) for the code of conduct")
		}
		form := d.Find(`[data-testid="student-form"]`)
		for name, want := range map[string]string{"name": "Ada Lovelace", "email": "ada@example.org", "company": "Engines", "irc": "ada", "project": "nova"} {
			if got, _ := form.Find(`[name="` + name + `"]`).Attr("value"); got != want {
				t.Errorf("%s kept as %q, want %q", name, got, want)
			}
		}
		if got := form.Find(`textarea[name="experience"]`).Text(); got != "some git" {
			t.Errorf("experience kept as %q", got)
		}
		if got, _ := form.Find(`select[name="timezone"] option[selected]`).Attr("value"); got != "Europe/London" {
			t.Errorf("time zone kept as %q", got)
		}
		if _, marked := form.Find(`select[name="timezone"]`).Attr("data-browser-zone"); marked {
			t.Error("a kept time zone is marked for the browser's zone to replace")
		}
		if n := app.count(t, "registrations"); n != 0 {
			t.Fatalf("registrations = %d after a refused sign-up", n)
		}

		// Another error too: both are shown at once.
		d = doc(t, app.post(t, "/events/big/students", studentForm(set("email", "ada@"))))
		if d.Find(`[data-testid="error-email"]`).Length() != 1 || d.Find(`[data-testid="error-code_of_conduct"]`).Length() != 1 {
			t.Error("a bad address and no acceptance: want both errors")
		}

		w = app.post(t, "/events/big/students", studentForm(set("code_of_conduct", "yes")))
		if w.Code != http.StatusSeeOther {
			t.Fatalf("accepting: status %d, want 303", w.Code)
		}
		if n := app.count(t, "coc_acceptances"); n != 1 {
			t.Fatalf("acceptances = %d, want 1", n)
		}
		// The email that confirms the seat names the contact address.
		if w := app.post(t, app.confirmPath(t, "ada@example.org"), nil); w.Code != http.StatusSeeOther {
			t.Fatalf("confirm: status %d", w.Code)
		}
		sent, err := sqlstoretest.EmailsTo(t.Context(), db, "ada@example.org")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(sent, func(e workflows.Email) bool {
			return e.Kind == workflows.EmailSeatConfirmed && strings.Contains(e.Text, "Questions: team@example.org")
		}) {
			t.Error("the seat-confirmed email does not give the contact address")
		}
		org := app.signInOrganizer(t, "olga@example.org")
		person := doc(t, org.get(t, "/admin/people/"+app.personID(t, "ada@example.org")))
		accepted := person.Find(`[data-testid="coc-accepted"]`)
		if !strings.Contains(accepted.Text(), "2 Mar 2026, 09:00") || accepted.Find(`a[href="https://example.org/coc"]`).Length() != 1 {
			t.Errorf("person page shows the acceptance as %q", accepted.Text())
		}
		var export bytes.Buffer
		if err := json.Compact(&export, org.get(t, "/admin/people/"+app.personID(t, "ada@example.org")+"/export.json").Body.Bytes()); err != nil ||
			!strings.Contains(export.String(), `"code_of_conduct":{"url":"https://example.org/coc","accepted_at":"2026-03-02T09:00:00Z"}`) {
			t.Errorf("the person's export lacks the acceptance (%v): %s", err, export.String())
		}

		// Erasing the person takes the acceptance with the registration.
		if w := org.post(t, "/admin/people/"+app.personID(t, "ada@example.org")+"/erase", url.Values{"confirm": {"ada@example.org"}}); w.Code != http.StatusSeeOther {
			t.Fatalf("erase: status %d", w.Code)
		}
		if n := app.count(t, "coc_acceptances"); n != 0 {
			t.Errorf("acceptances = %d after erasure, want 0", n)
		}

		// An event without a code of conduct asks nothing.
		if doc(t, app.get(t, "/events/spring")).Find(`[name="code_of_conduct"]`).Length() != 0 {
			t.Error("an event without a code of conduct shows the box")
		}
	})
}

func TestFullEventSaysNewSignupsJoinTheWaitlist(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		d := doc(t, app.get(t, "/events/spring"))
		if d.Find(`[data-testid="waitlist-notice"], [data-testid="student-waitlist"]`).Length() != 0 {
			t.Fatal("an event with free seats says it is full")
		}
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org") // the one student seat
		d = doc(t, app.get(t, "/events/spring"))
		notice := d.Find(`[data-testid="waitlist-notice"]`).Text()
		if !strings.Contains(notice, "new students join the waitlist") {
			t.Errorf("waitlist notice = %q", notice)
		}
		if d.Find(`[data-testid="student-form"]`).Length() != 1 || d.Find(`#student [data-testid="student-waitlist"]`).Length() != 1 {
			t.Error("the student form does not say a sign-up joins the waitlist")
		}
		if d.Find(`[data-testid="mentor-waitlist"]`).Length() != 0 {
			t.Error("the mentor form says it is full with a mentor seat free")
		}
		app.register(t, "spring", workflows.RoleMentor, "Grace Hopper", "grace@example.org") // the one mentor seat
		d = doc(t, app.get(t, "/events/spring"))
		if !strings.Contains(d.Find(`[data-testid="waitlist-notice"]`).Text(), "new sign-ups join the waitlist") ||
			d.Find(`#mentor [data-testid="mentor-waitlist"]`).Length() != 1 {
			t.Error("a full event (both roles) does not say so")
		}
	})
}

func TestEventContentEditAndShow(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		org := app.signInOrganizer(t, "olga@example.org")
		good := url.Values{"title": {"Upstream Spring"}, "location": {"Berlin"}, "timezone": {"Europe/Berlin"},
			"starts": {"2026-05-04"}, "ends": {"2026-05-06"}, "student_capacity": {"1"}, "mentor_capacity": {"1"},
			"description": {"Learn to contribute.\n\nSlides: https://example.org/slides."}, "agenda": {"09:00 Welcome"},
			"venue": {"Room 1"}, "prerequisites": {"A laptop"}, "contact_email": {"team@example.org"},
			"code_of_conduct": {"https://example.org/coc"}}
		with := func(k, v string) url.Values {
			f := url.Values{}
			for key, vals := range good {
				f[key] = vals
			}
			f.Set(k, v)
			return f
		}
		for _, tt := range []struct{ name, field, value string }{
			{"bad contact address", "contact_email", "team@"},
			{"contact with a display name", "contact_email", "Team <team@example.org>"},
			{"plain http code of conduct", "code_of_conduct", "http://example.org/coc"},
			{"javascript code of conduct", "code_of_conduct", "javascript:alert(1)"},
			{"code of conduct without a host", "code_of_conduct", "https:///coc"},
		} {
			for _, path := range []string{"/admin/events/spring", "/admin/events"} {
				form := with(tt.field, tt.value)
				if path == "/admin/events" {
					form.Set("slug", "summer")
				}
				w := org.post(t, path, form)
				d := doc(t, w)
				if w.Code != http.StatusUnprocessableEntity || d.Find(`[data-testid="error-`+tt.field+`"]`).Length() != 1 {
					t.Errorf("%s at %s: status %d, want 422 with an error for %s", tt.name, path, w.Code, tt.field)
				}
				if got := d.Find(`#event-description`).Text(); got != good.Get("description") {
					t.Errorf("%s at %s: description kept as %q", tt.name, path, got)
				}
			}
		}
		if w := org.post(t, "/admin/events/spring", good); w.Code != http.StatusSeeOther {
			t.Fatalf("save: status %d", w.Code)
		}
		edit := doc(t, org.get(t, "/admin/events/spring/edit"))
		if v, _ := edit.Find(`#event-code-of-conduct`).Attr("value"); v != "https://example.org/coc" || edit.Find(`#event-agenda`).Text() != "09:00 Welcome" {
			t.Errorf("edit form shows code of conduct %q, agenda %q", v, edit.Find(`#event-agenda`).Text())
		}
		d := doc(t, app.get(t, "/events/spring"))
		for id, want := range map[string]string{"description": "Learn to contribute.", "agenda": "09:00 Welcome", "venue": "Room 1",
			"prerequisites": "A laptop", "contact": "team@example.org"} {
			if !strings.Contains(d.Find(`[data-testid="`+id+`"]`).Text(), want) {
				t.Errorf("event page's %s section lacks %q", id, want)
			}
		}
		if href, _ := d.Find(`[data-testid="description"] a`).Attr("href"); href != "https://example.org/slides" {
			t.Errorf("description link = %q", href)
		}
		if d.Find(`[data-testid="contact"] a[href="mailto:team@example.org"]`).Length() != 1 {
			t.Error("no mailto link to the contact address")
		}
		if d := doc(t, org.get(t, "/admin/audit")); !strings.Contains(d.Text(), "description edited") {
			t.Error("the audit log does not say the description was edited")
		}
		if d := doc(t, app.get(t, "/events/big")); d.Find(`[data-testid="description"], [data-testid="agenda"], [data-testid="venue"], [data-testid="prerequisites"], [data-testid="contact"]`).Length() != 0 {
			t.Error("an event without content shows content sections")
		}
	})
}
