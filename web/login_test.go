package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/web"
)

func TestLoginLinkWorksOnceAndExpires(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "spring", "student", "Ada Lovelace", "ada@example.org")
		c := app.client()
		link := app.requestLogin(t, c, "ada@example.org")

		// A mail scanner's GET (twice) leaves the link usable: the page has one button.
		for range 2 {
			if w := app.client().get(t, link); w.Code != http.StatusOK || doc(t, w).Find(`[data-testid="login-link-form"] button`).Length() != 1 {
				t.Fatalf("GET %s: status %d, want 200 with the sign-in button", link, w.Code)
			}
		}
		w := c.post(t, link, nil)
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/me" {
			t.Fatalf("first use: status %d to %q, want 303 to /me", w.Code, w.Header().Get("Location"))
		}
		ck := c.jar["registrar_session"]
		if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Secure {
			t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Lax, not Secure on http", ck)
		}
		if w.Header().Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("Referrer-Policy %q: the token is in the URL", w.Header().Get("Referrer-Policy"))
		}
		if w := c.get(t, "/me"); w.Code != http.StatusOK || doc(t, w).Find(`[data-testid="user-name"]`).Text() != "Ada Lovelace" {
			t.Fatalf("GET /me signed in: status %d", w.Code)
		}

		steps := []struct {
			name    string
			advance time.Duration // clock move before following a fresh link
			reuse   bool          // follow the first link again instead
			status  int
			testid  string
		}{
			{"used link", 0, true, http.StatusGone, "login-used"},
			{"just inside 15 minutes", 15*time.Minute - time.Second, false, http.StatusSeeOther, ""},
			{"15 minutes old", 15 * time.Minute, false, http.StatusGone, "login-expired"},
		}
		for _, s := range steps {
			path := link
			if !s.reuse {
				path = app.requestLogin(t, app.client(), "ada@example.org")
			}
			app.clock.Advance(s.advance)
			w := app.client().post(t, path, nil)
			if w.Code != s.status {
				t.Fatalf("%s: status %d, want %d", s.name, w.Code, s.status)
			}
			if s.testid != "" { // the GET says the same
				if g := app.client().get(t, path); g.Code != s.status || doc(t, g).Find(`[data-testid="`+s.testid+`"]`).Length() != 1 {
					t.Fatalf("%s: GET status %d, want %d with %s", s.name, g.Code, s.status, s.testid)
				}
			}
			if s.testid != "" {
				d := doc(t, w)
				if d.Find(`[data-testid="`+s.testid+`"]`).Length() != 1 || d.Find(`[data-testid="login-form"]`).Length() != 1 {
					t.Fatalf("%s: want %s with a form for a new link", s.name, s.testid)
				}
			}
		}
		if w := app.post(t, "/login/nonsense", nil); w.Code != http.StatusNotFound || doc(t, w).Find(`[data-testid="login-invalid"]`).Length() != 1 {
			t.Fatalf("POST to an unknown link: status %d, want 404 with login-invalid", w.Code)
		}
		if w := app.get(t, "/login/nonsense"); w.Code != http.StatusNotFound || doc(t, w).Find(`[data-testid="login-invalid"]`).Length() != 1 {
			t.Fatalf("unknown link: status %d, want 404 with login-invalid", w.Code)
		}
	})
}

func TestLoginUnknownAddressLooksTheSame(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "spring", "mentor", "Grace Hopper", "grace@example.org")
		before := map[string]int{}
		for _, table := range []string{"people", "tokens", "outbound_emails", "jobs"} {
			before[table] = app.count(t, table)
		}
		unknown := app.post(t, "/login", url.Values{"email": {"nobody@example.org"}})
		for table, n := range before {
			if got := app.count(t, table); got != n {
				t.Errorf("%s: %d rows after an unknown address, want %d", table, got, n)
			}
		}
		known := app.post(t, "/login", url.Values{"email": {" Grace@Example.org "}})
		if unknown.Code != http.StatusSeeOther || unknown.Code != known.Code ||
			unknown.Header().Get("Location") != known.Header().Get("Location") {
			t.Fatalf("unknown: %d %q; known: %d %q; want the same 303", unknown.Code, unknown.Header().Get("Location"),
				known.Code, known.Header().Get("Location"))
		}
		if n := len(app.loginPaths(t, "grace@example.org")); n != 1 {
			t.Fatalf("known address got %d sign-in emails, want 1", n)
		}
		if w := app.get(t, "/login/check-email"); w.Code != http.StatusOK || doc(t, w).Find(`[data-testid="login-sent"]`).Length() != 1 {
			t.Fatalf("check-email page: status %d", w.Code)
		}
	})
}

func TestLoginRefusals(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tests := []struct {
			name   string
			email  string
			status int
			testid string
		}{
			{"empty", "", http.StatusUnprocessableEntity, "error-email"},
			{"not an address", "ada@", http.StatusUnprocessableEntity, "error-email"},
			{"header injection", "ada@example.org\r\nBcc: x@example.org", http.StatusUnprocessableEntity, "error-email"},
		}
		app := newTestApp(t, db, 0)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				w := app.post(t, "/login", url.Values{"email": {tt.email}})
				if w.Code != tt.status || doc(t, w).Find(`[data-testid="`+tt.testid+`"]`).Length() != 1 {
					t.Fatalf("status %d, want %d with %s", w.Code, tt.status, tt.testid)
				}
			})
		}
		if w := app.post(t, "/login", url.Values{"email": {"ada@example.org"}}, "Origin", "https://evil.example"); w.Code != http.StatusForbidden {
			t.Fatalf("cross-origin sign-in request: status %d, want 403", w.Code)
		}
	})
}

func TestLoginRateLimits(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 4, func(s *web.Server) { s.Config.LoginEmailsPerHour = 2 })
		app.register(t, "spring", "student", "Ada Lovelace", "ada@example.org")
		for i := range 3 { // the third is over the address's cap: answered the same, not sent
			if w := app.post(t, "/login", url.Values{"email": {"ada@example.org"}}); w.Code != http.StatusSeeOther {
				t.Fatalf("request %d: status %d, want 303", i+1, w.Code)
			}
		}
		if n := len(app.loginPaths(t, "ada@example.org")); n != 2 {
			t.Fatalf("%d sign-in emails, want 2 (the per-address cap)", n)
		}
		app.post(t, "/login", url.Values{"email": {"someone@example.org"}}) // the fourth: the client's limit
		w := app.post(t, "/login", url.Values{"email": {"someone@example.org"}})
		if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
			t.Fatalf("fifth request from one client: status %d, Retry-After %q; want 429", w.Code, w.Header().Get("Retry-After"))
		}
	})
}

func TestSessionSurvivesRestart(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		first := newTestApp(t, db, 0)
		first.register(t, "spring", "student", "Ada Lovelace", "ada@example.org")
		c := first.signIn(t, "ada@example.org")

		second := startTestApp(t, db, first.clock, 0) // a new server on the same database
		c.app = second
		if w := c.get(t, "/me"); w.Code != http.StatusOK {
			t.Fatalf("GET /me after a restart: status %d, want 200", w.Code)
		}
		if n := second.count(t, "sessions"); n != 1 {
			t.Fatalf("sessions = %d, want 1", n)
		}
	})
}

func TestSessionCookieSecureOnHTTPS(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0, func(s *web.Server) {
			s.Sessions = web.NewSessions(s.Sessions.Store, "https://registrar.example.org")
		})
		app.register(t, "spring", "student", "Ada Lovelace", "ada@example.org")
		c := app.signIn(t, "ada@example.org")
		if ck := c.jar["__Host-registrar_session"]; ck == nil || !ck.Secure || !ck.HttpOnly {
			t.Fatalf("cookie %+v: want Secure and HttpOnly when the base URL is https", ck)
		}
	})
}

func TestLogoutEndsTheSession(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "spring", "student", "Ada Lovelace", "ada@example.org")
		c := app.signIn(t, "ada@example.org")
		stolen := c.jar["registrar_session"].Value
		if w := c.post(t, "/logout", nil); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/" {
			t.Fatalf("POST /logout: status %d to %q", w.Code, w.Header().Get("Location"))
		}
		if n := app.count(t, "sign_ins"); n != 0 {
			t.Fatalf("sign_ins = %d after signing out, want 0", n)
		}
		replay := app.client()
		replay.jar["registrar_session"] = &http.Cookie{Name: "registrar_session", Value: stolen}
		if w := replay.get(t, "/me"); w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login") {
			t.Fatalf("old cookie after sign-out: status %d to %q, want 303 to /login", w.Code, w.Header().Get("Location"))
		}
	})
}

func TestLoginReturnsToTheRequestedPage(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.addOrganizer(t, "olga@example.org")
		c := app.client()
		w := c.get(t, "/admin/audit?x=1")
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/login?next=%2Fadmin%2Faudit%3Fx%3D1" {
			t.Fatalf("anonymous /admin/audit: status %d to %q", w.Code, w.Header().Get("Location"))
		}
		form := doc(t, c.get(t, w.Header().Get("Location")))
		next, _ := form.Find(`[name="next"]`).Attr("value")
		link := app.requestLoginWith(t, c, url.Values{"email": {"olga@example.org"}, "next": {next}})
		if w := c.post(t, link, nil); w.Header().Get("Location") != "/admin/audit?x=1" {
			t.Fatalf("after sign-in: to %q, want the page asked for", w.Header().Get("Location"))
		}
		for _, evil := range []string{"//evil.example/x", "https://evil.example", "/\\evil.example"} {
			c := app.client()
			link := app.requestLoginWith(t, c, url.Values{"email": {"olga@example.org"}, "next": {evil}})
			if w := c.post(t, link, nil); w.Header().Get("Location") != "/admin" {
				t.Errorf("next=%q: to %q, want /admin", evil, w.Header().Get("Location"))
			}
		}
	})
}
