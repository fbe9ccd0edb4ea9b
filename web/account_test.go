package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestPersonSetsTheirName: the header shows the person's name and links to
// their account page, where they change it; a bad name is a 422 with the
// typed value kept.
func TestPersonSetsTheirName(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		c := app.signIn(t, "ada@example.org")
		if href := doc(t, c.get(t, "/me")).Find(`[data-testid="user-name"]`).AttrOr("href", ""); href != "/account" {
			t.Fatalf("header name links to %q, want /account", href)
		}
		w := c.post(t, "/account", url.Values{"name": {"Ada\u202e"}})
		if d := doc(t, w); w.Code != http.StatusUnprocessableEntity || d.Find(`[data-testid="error-name"]`).Length() != 1 ||
			d.Find(`#account-name`).AttrOr("value", "") != "Ada\u202e" {
			t.Fatalf("bad name: status %d, want 422 with the error and the value kept", w.Code)
		}
		if w := c.post(t, "/account", url.Values{"name": {"Augusta Ada King"}}); w.Code != http.StatusSeeOther {
			t.Fatalf("good name: status %d, want 303", w.Code)
		}
		if got := doc(t, c.get(t, "/me")).Find(`[data-testid="user-name"]`).Text(); got != "Augusta Ada King" {
			t.Fatalf("header name %q after saving", got)
		}
	})
}
