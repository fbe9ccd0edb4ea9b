package web_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
)

// TestTimezoneScript checks the one script: linked from the event page and
// the new-event form with defer, served from static/ under a hashed name as
// JavaScript, and the Content-Security-Policy still allowing only our own
// files (no inline script anywhere on the page).
func TestTimezoneScript(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		org := app.signInOrganizer(t, "olga@example.org")
		strict := func(t *testing.T, w *httptest.ResponseRecorder) {
			t.Helper()
			csp := w.Header().Get("Content-Security-Policy")
			if !strings.Contains(csp, "script-src 'self';") || strings.Contains(csp, "unsafe-") || strings.Contains(csp, "nonce-") {
				t.Errorf("CSP = %q, want script-src 'self' only", csp)
			}
		}
		var src string
		for _, page := range []struct {
			name string
			w    *httptest.ResponseRecorder
			zone string // the time-zone select to be preselected
		}{
			{"event page", app.get(t, "/events/spring"), `#student-timezone, #mentor-timezone`},
			{"new event", org.get(t, "/admin/events/new"), `#event-timezone`},
		} {
			strict(t, page.w)
			d := doc(t, page.w)
			scripts := d.Find("script")
			if scripts.Length() != 1 {
				t.Fatalf("%s: %d scripts, want 1", page.name, scripts.Length())
			}
			src = scripts.AttrOr("src", "")
			if _, deferred := scripts.Attr("defer"); !deferred || !regexp.MustCompile(`^/static/timezone\.[0-9a-f]{10}\.js$`).MatchString(src) ||
				strings.TrimSpace(scripts.Text()) != "" {
				t.Errorf("%s: script src %q (defer %v), want a hashed /static/timezone.*.js, deferred, no inline code", page.name, src, deferred)
			}
			if n := d.Find(page.zone).Filter("[data-browser-zone]").Length(); n != d.Find(page.zone).Length() || n == 0 {
				t.Errorf("%s: %d of the time-zone selects marked for the browser's zone", page.name, n)
			}
			if got := d.Find(page.zone).First().Find("option[selected]").AttrOr("value", ""); got != "UTC" {
				t.Errorf("%s: without JavaScript the zone is %q, want UTC", page.name, got)
			}
		}
		if d := doc(t, org.get(t, "/admin/events/spring/edit")); d.Find(`#event-timezone[data-browser-zone]`).Length() != 0 {
			t.Error("editing an event marks its zone to be replaced by the browser's")
		}
		w := app.get(t, src)
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "text/javascript; charset=utf-8" ||
			!strings.Contains(w.Header().Get("Cache-Control"), "immutable") || !strings.Contains(w.Body.String(), "resolvedOptions().timeZone") {
			t.Fatalf("GET %s: status %d, type %q, cache %q", src, w.Code, w.Header().Get("Content-Type"), w.Header().Get("Cache-Control"))
		}
		strict(t, w)
		if w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Error("the script is served without nosniff")
		}
	})
}
