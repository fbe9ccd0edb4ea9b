package web_test

import (
	"net/http"
	"strings"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestOneClickUnsubscribe: RFC 8058's POST works with no session or cookie,
// even from another site's origin; the GET only shows a button; a tampered
// token is 404; the preference then shows off on the person's page.
func TestOneClickUnsubscribe(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		ada := app.personID(t, "ada@example.org")
		token, hash := workflows.NewToken()
		err := db.InTx(t.Context(), func(tx workflows.Tx) error {
			return tx.Sends.CreateUnsubscribeToken(t.Context(), hash, ada, workflows.CategoryReminders, app.clock.Now())
		})
		if err != nil {
			t.Fatal(err)
		}
		off := func() bool {
			var got map[workflows.Category]bool
			if err := db.InTx(t.Context(), func(tx workflows.Tx) (err error) {
				got, err = tx.Preferences.Unsubscribed(t.Context(), ada)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return got[workflows.CategoryReminders]
		}

		w := app.get(t, "/unsubscribe/"+token)
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `data-testid="unsubscribe-form"`) || off() {
			t.Fatalf("GET: status %d, unsubscribed %v; want a page with a button and nothing changed", w.Code, off())
		}
		last := "a"
		if strings.HasSuffix(token, "a") {
			last = "b"
		}
		tampered := token[:len(token)-1] + last
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			r := newRequest(method, "/unsubscribe/"+tampered, strings.NewReader("List-Unsubscribe=One-Click"))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if w := app.do(t, r); w.Code != http.StatusNotFound {
				t.Errorf("%s with a tampered token: status %d, want 404", method, w.Code)
			}
		}
		// The mail provider's one-click POST: no cookie, its own origin.
		r := newRequest(http.MethodPost, "/unsubscribe/"+token, strings.NewReader("List-Unsubscribe=One-Click"))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Origin", "https://mail.example.com")
		r.Header.Set("Sec-Fetch-Site", "cross-site")
		w = app.do(t, r)
		if w.Code != http.StatusOK || !off() {
			t.Fatalf("one-click POST: status %d, unsubscribed %v; want 200 and unsubscribed", w.Code, off())
		}
		if c := w.Header().Get("Set-Cookie"); c != "" {
			t.Errorf("one-click POST set a cookie: %s", c)
		}
		d := doc(t, app.signIn(t, "ada@example.org").get(t, "/me/preferences"))
		if _, checked := d.Find(`[data-testid="pref-reminders"]`).Attr("checked"); checked {
			t.Error("the preferences page still shows reminders on")
		}
		if _, checked := d.Find(`[data-testid="pref-announcements"]`).Attr("checked"); !checked {
			t.Error("the preferences page shows announcements off")
		}
	})
}
