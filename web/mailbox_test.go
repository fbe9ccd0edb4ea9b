package web_test

import (
	"net/http"
	"strings"
	"testing"

	"registrar/integrations/sqlstore/sqlstoretest"
)

// TestMailboxPreviewLinksOpenANewTab: the HTML part's links open a new tab
// that leaves the sandbox (so the link's page can be used), while the frame
// itself still runs no script and submits no form.
func TestMailboxPreviewLinksOpenANewTab(t *testing.T) {
	app := newTestApp(t, sqlstoretest.Open(t), 0) // the page's headers, not the store, are under test: SQLite only
	putDevMessage(t, app, "http://registrar.test/login/livetoken")
	r := newRequest(http.MethodGet, "/dev/mailbox/m1/html", nil)
	r.RemoteAddr, r.Host = "127.0.0.1:5555", "registrar.test"
	w := app.do(t, r)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	csp := w.Header().Get("Content-Security-Policy")
	sandbox, _, _ := strings.Cut(csp, ";")
	if sandbox != "sandbox allow-popups allow-popups-to-escape-sandbox" || strings.Contains(csp, "script-src") {
		t.Errorf("CSP %q: want a sandbox allowing popups only, no scripts", csp)
	}
	if body := w.Body.String(); !strings.HasPrefix(body, `<base target="_blank">`) {
		t.Errorf("body %q: want links opening a new tab", body)
	}
}
