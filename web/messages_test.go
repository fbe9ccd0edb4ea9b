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

// TestMessagePreviewThenSend: the preview shows the audience and the
// message as its first recipient reads it (a name holding <script> is
// text); a send whose audience changed since the preview is refused with
// the new preview; the send then reaches exactly the people shown.
func TestMessagePreviewThenSend(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "big", workflows.RoleStudent, "<script>alert(1)</script> Bobby", "bobby@example.org")
		app.register(t, "big", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		org := app.signInOrganizer(t, "olga@example.org")

		form := url.Values{"role": {"student"}, "status": {"pending", "confirmed"}, "subject": {"Hello {first_name}"},
			"body": {"Dear {name},\n\nWelcome to {event_title}."}}
		if w := org.post(t, "/admin/events/big/messages", url.Values{"role": {"student"}, "subject": {""}}); w.Code != http.StatusUnprocessableEntity {
			t.Fatalf("empty message: status %d, want 422", w.Code)
		}
		w := org.post(t, "/admin/events/big/messages", form)
		if w.Code != http.StatusSeeOther {
			t.Fatalf("create message: status %d", w.Code)
		}
		preview := w.Header().Get("Location")
		d := doc(t, org.get(t, preview))
		if n := d.Find(`[data-testid="recipient-count"]`).Text(); n != "2" {
			t.Fatalf("preview counts %q recipients, want 2", n)
		}
		text := d.Find(`[data-testid="render-text"]`).Text()
		if !strings.Contains(text, "Dear <script>alert(1)</script> Bobby") || !strings.Contains(text, "Welcome to Upstream Big.") {
			t.Errorf("text part as the first recipient reads it: %q", text)
		}
		html := org.get(t, preview+"/preview.html").Body.String()
		if strings.Contains(html, "<script>alert") || !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt; Bobby") {
			t.Errorf("the HTML part does not escape the name: %s", html)
		}
		if page := org.get(t, preview).Body.String(); strings.Contains(page, "<script>alert") {
			t.Error("the preview page shows a name's <script> as markup")
		}
		hash, _ := d.Find(`[data-testid="send-form"] input[name="audience"]`).Attr("value")

		// Someone joins the audience after the preview: the send is refused.
		app.register(t, "big", workflows.RoleStudent, "Carol Late", "carol@example.org")
		w = org.post(t, preview+"/send", url.Values{"audience": {hash}})
		if w.Code != http.StatusConflict {
			t.Fatalf("send to a changed audience: status %d, want 409", w.Code)
		}
		d = doc(t, w)
		if d.Find(`[data-testid="send-refused"]`).Length() == 0 || d.Find(`[data-testid="recipient-count"]`).Text() != "3" {
			t.Fatalf("the refusal does not show the new audience: %s", d.Find("main").Text())
		}
		if n := app.count(t, "sends"); n != 0 {
			t.Fatalf("%d sends after a refused send", n)
		}
		newHash, _ := d.Find(`[data-testid="send-form"] input[name="audience"]`).Attr("value")
		if w := org.post(t, preview+"/send", url.Values{"audience": {newHash}}); w.Code != http.StatusSeeOther {
			t.Fatalf("send: status %d", w.Code)
		}
		got := map[string]bool{}
		for _, addr := range []string{"bobby@example.org", "ada@example.org", "carol@example.org", "olga@example.org"} {
			got[addr] = app.sendsTo(t, addr) > 0
		}
		if !got["bobby@example.org"] || !got["ada@example.org"] || !got["carol@example.org"] || got["olga@example.org"] {
			t.Errorf("sends reached %v, want exactly the three students previewed", got)
		}
		if w := org.post(t, preview+"/send", url.Values{"audience": {newHash}}); w.Code != http.StatusConflict {
			t.Errorf("second send: status %d, want 409", w.Code)
		}
		if w := org.post(t, preview+"/test", nil); w.Code != http.StatusSeeOther || app.sendsTo(t, "olga@example.org") != 1 {
			t.Errorf("send to myself: status %d, %d sends to the organizer", w.Code, app.sendsTo(t, "olga@example.org"))
		}
	})
}

// sendsTo counts the send rows of the person with addr.
func (a *testApp) sendsTo(t testing.TB, addr string) int {
	t.Helper()
	id := a.personID(t, addr)
	n := 0
	err := a.db.InTx(t.Context(), func(tx workflows.Tx) error {
		ev, err := tx.Events.EventBySlug(t.Context(), "big")
		if err != nil {
			return err
		}
		hist, err := tx.Sends.SendHistory(t.Context(), ev.ID, 100)
		if err != nil {
			return err
		}
		for _, h := range hist {
			members, err := tx.Sends.BatchMembers(t.Context(), h.ID)
			if err != nil {
				return err
			}
			for _, m := range members {
				if m.PersonID == id {
					n++
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
