package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// askedFirst checks that the button testid is inside a closed <details>:
// reaching it takes a click that says what it does, and no script.
func askedFirst(t *testing.T, d *goquery.Document, what, testid string) {
	t.Helper()
	b := d.Find(`[data-testid="` + testid + `"]`)
	if b.Length() == 0 {
		t.Fatalf("%s: no %s on the page", what, testid)
	}
	b.Each(func(_ int, s *goquery.Selection) {
		details := s.Closest("details")
		if details.Length() == 0 {
			t.Errorf("%s: the button is not inside a disclosure", what)
		} else if _, open := details.Attr("open"); open {
			t.Errorf("%s: the disclosure is open before anyone asked", what)
		}
		if strings.TrimSpace(details.Find("summary").Text()) == "" {
			t.Errorf("%s: the disclosure has no summary", what)
		}
	})
}

// TestDangerousActionsAskFirst: closing sign-up, withdrawing (by an
// organizer or oneself) and pairing everyone sit behind a disclosure; withdrawing without a
// reason, erasing without the typed address and sending a message without
// the previewed audience each do nothing; with them, each happens.
func TestDangerousActionsAskFirst(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "big", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		app.register(t, "big", workflows.RoleStudent, "Bob Babbage", "bob@example.org")
		app.register(t, "big", workflows.RoleMentor, "Grace Hopper", "grace@example.org")
		org, ada := app.signInOrganizer(t, "olga@example.org"), app.signIn(t, "ada@example.org")
		event := doc(t, org.get(t, "/admin/events/big"))
		askedFirst(t, event, "close sign-up", "close-event")
		askedFirst(t, event, "organizer's withdraw", "withdraw-form")
		askedFirst(t, doc(t, ada.get(t, "/me")), "own withdraw", "withdraw-form")
		if s := doc(t, org.get(t, "/admin/events/big")).Find(`[data-testid="event-state"]`).Text(); !strings.Contains(strings.ToLower(s), "open") {
			t.Fatalf("event state %q before closing", s)
		}
		if w := org.post(t, "/admin/events/big/close", nil); w.Code != http.StatusSeeOther {
			t.Fatalf("close: %d", w.Code)
		}
		if s := doc(t, org.get(t, "/admin/events/big")).Find(`[data-testid="event-state"]`).Text(); strings.Contains(strings.ToLower(s), "open") {
			t.Errorf("event state %q after closing", s)
		}

		bob := app.registrationID(t, org, "big", "bob@example.org")
		if w := org.post(t, "/admin/registrations/"+bob+"/withdraw", nil); w.Code != http.StatusUnprocessableEntity {
			t.Errorf("withdraw without a reason: %d, want 422", w.Code)
		}
		if s := app.statuses(t, org, "big")["bob@example.org"]; s != "confirmed" {
			t.Fatalf("bob is %s after a withdraw without a reason", s)
		}
		if w := org.post(t, "/admin/registrations/"+bob+"/withdraw", url.Values{"reason": {"Asked to"}}); w.Code != http.StatusSeeOther {
			t.Fatalf("withdraw with a reason: %d", w.Code)
		}

		if w := org.post(t, "/admin/registrations/"+app.registrationID(t, org, "big", "ada@example.org")+"/accept", nil); w.Code != http.StatusSeeOther {
			t.Fatalf("accept ada: %d", w.Code)
		}
		askedFirst(t, doc(t, org.get(t, "/admin/events/big/pairings")), "pair everyone", "pair-all")

		person := "/admin/people/" + app.personID(t, "ada@example.org")
		if w := org.post(t, person+"/erase", nil); w.Code != http.StatusUnprocessableEntity {
			t.Errorf("erase without the typed address: %d, want 422", w.Code)
		}
		if w := org.get(t, person); w.Code != http.StatusOK {
			t.Fatalf("ada's page after an unconfirmed erase: %d", w.Code)
		}

		w := org.post(t, "/admin/events/big/messages", url.Values{"role": {"student"}, "status": {"accepted"}, "subject": {"Hi"}, "body": {"Hello"}})
		preview := w.Header().Get("Location")
		hash, _ := doc(t, org.get(t, preview)).Find(`[data-testid="send-form"] input[name="audience"]`).Attr("value")
		w = org.post(t, preview+"/send", nil)
		if w.Code != http.StatusConflict || doc(t, w).Find(`[data-testid="send-form"]`).Length() != 1 {
			t.Errorf("send without the previewed audience: %d, want 409 with the preview and its button", w.Code)
		}
		if n := app.count(t, "sends"); n != 0 {
			t.Fatalf("%d sends before the confirmed send", n)
		}
		if w := org.post(t, preview+"/send", url.Values{"audience": {hash}}); w.Code != http.StatusSeeOther || app.count(t, "sends") != 1 {
			t.Errorf("confirmed send: %d, %d sends; want 303 and 1", w.Code, app.count(t, "sends"))
		}
		if w := org.post(t, person+"/erase", url.Values{"confirm": {"ada@example.org"}}); w.Code != http.StatusSeeOther {
			t.Errorf("confirmed erase: %d", w.Code)
		}
		if w := org.get(t, person); w.Code != http.StatusNotFound {
			t.Errorf("ada's page after the erase: %d, want 404", w.Code)
		}
	})
}
