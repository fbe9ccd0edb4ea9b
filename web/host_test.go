package web_test

import (
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/web"
	"registrar/workflows"
)

// TestDevMailboxOnlyDirectlyFromThisMachine asks for the dev mailbox as a
// visitor behind a proxy on this host would, in every way a proxy or a
// DNS-rebinding page can dress the request, and expects the sign-in link it
// holds to be shown only to a direct loopback request for our own host.
func TestDevMailboxOnlyDirectlyFromThisMachine(t *testing.T) {
	const link = "http://registrar.test/login/livetoken"
	tests := []struct {
		name    string
		remote  string
		host    string
		header  []string
		proxies []netip.Prefix
		served  bool
	}{
		{name: "loopback, our host", remote: "127.0.0.1:5555", host: "registrar.test", served: true},
		{name: "loopback v6, our host with a port", remote: "[::1]:5555", host: "registrar.test:8080", served: true},
		{name: "from afar", remote: "192.0.2.1:5555", host: "registrar.test"},
		{name: "peer unreadable", remote: "somewhere", host: "registrar.test"},
		{name: "forwarded for", remote: "127.0.0.1:5555", host: "registrar.test", header: []string{"X-Forwarded-For", "203.0.113.9"}},
		{name: "forwarded for loopback", remote: "127.0.0.1:5555", host: "registrar.test", header: []string{"X-Forwarded-For", "127.0.0.1"}},
		{name: "forwarded for unparseable", remote: "127.0.0.1:5555", host: "registrar.test", header: []string{"X-Forwarded-For", "unknown"}},
		{name: "forwarded for ip:port behind a trusted proxy", remote: "127.0.0.1:5555", host: "registrar.test",
			header: []string{"X-Forwarded-For", "203.0.113.9:4711"}, proxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}},
		{name: "trusted proxy with no header", remote: "127.0.0.1:5555", host: "registrar.test",
			proxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}},
		{name: "X-Real-IP only", remote: "127.0.0.1:5555", host: "registrar.test", header: []string{"X-Real-IP", "203.0.113.9"}},
		{name: "Forwarded", remote: "127.0.0.1:5555", host: "registrar.test", header: []string{"Forwarded", "for=203.0.113.9"}},
		{name: "X-Forwarded-Host", remote: "127.0.0.1:5555", host: "registrar.test", header: []string{"X-Forwarded-Host", "registrar.test"}},
		{name: "foreign host (DNS rebinding)", remote: "127.0.0.1:5555", host: "evil.example"},
		{name: "localhost when the base URL is not local", remote: "127.0.0.1:5555", host: "localhost:8080"},
		{name: "host unparseable", remote: "127.0.0.1:5555", host: "registrar.test:80:80"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := sqlstoretest.Open(t) // the mailbox rule, not the store, is under test: SQLite only
			app := newTestApp(t, db, 0, func(s *web.Server) { s.Config.TrustedProxies = tt.proxies })
			putDevMessage(t, app, link)
			for _, path := range []string{"/dev/mailbox", "/dev/mailbox/m1", "/dev/mailbox/m1/html"} {
				r := newRequest(http.MethodGet, path, nil)
				r.RemoteAddr, r.Host = tt.remote, tt.host
				for i := 0; i+1 < len(tt.header); i += 2 {
					r.Header.Set(tt.header[i], tt.header[i+1])
				}
				w := app.do(t, r)
				if served := w.Code == http.StatusOK; served != tt.served {
					t.Errorf("GET %s: status %d, served %v, want %v", path, w.Code, served, tt.served)
				}
				if !tt.served && strings.Contains(w.Body.String(), "livetoken") {
					t.Errorf("GET %s: refused, yet the body holds the sign-in link", path)
				}
			}
		})
	}
}

func putDevMessage(t testing.TB, app *testApp, link string) {
	t.Helper()
	if err := app.db.PutDevMessage(t.Context(), workflows.Message{ID: "m1", To: "olga@example.org",
		Subject: "Sign in " + link, HTML: "<a href=\"" + link + "\">Sign in</a>", Text: link}, app.clock.Now()); err != nil {
		t.Fatal(err)
	}
}

// TestForeignHostMisdirected sends requests for another host name, as a
// DNS-rebinding page does: refused with 421 on every route but the probes.
func TestForeignHostMisdirected(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "spring", "student", "Ada Lovelace", "ada@example.org")
		before := len(app.loginPaths(t, "ada@example.org"))

		// The rebinding page posts to its own name, so its Origin matches its Host.
		r := newRequest(http.MethodPost, "/login", strings.NewReader(url.Values{"email": {"ada@example.org"}}.Encode()))
		r.Host = "evil.example"
		r.Header.Set("Origin", "http://evil.example")
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := app.do(t, r)
		if w.Code != http.StatusMisdirectedRequest || !strings.Contains(w.Body.String(), "registrar.test") {
			t.Fatalf("rebinding POST /login: status %d, want 421 naming our host; body %.300s", w.Code, w.Body.String())
		}
		if n := len(app.loginPaths(t, "ada@example.org")); n != before {
			t.Fatalf("rebinding POST /login sent %d sign-in emails", n-before)
		}

		tests := []struct {
			host, path string
			status     int
		}{
			{"registrar.test", "/", http.StatusOK},
			{"REGISTRAR.test.", "/", http.StatusOK},
			{"registrar.test:8443", "/", http.StatusOK},
			{"evil.example", "/", http.StatusMisdirectedRequest},
			{"evil.example", "/events/spring", http.StatusMisdirectedRequest},
			{"registrar.test.evil.example", "/", http.StatusMisdirectedRequest},
			{"localhost:8080", "/", http.StatusMisdirectedRequest}, // the base URL is not local
			{"127.0.0.1", "/", http.StatusMisdirectedRequest},
			{"", "/", http.StatusMisdirectedRequest},
			{"[::1", "/", http.StatusMisdirectedRequest},
			{"10.0.0.5:8080", "/healthz", http.StatusOK}, // load balancers call by IP
		}
		for _, tt := range tests {
			r := newRequest(http.MethodGet, tt.path, nil)
			r.Host = tt.host
			if w := app.do(t, r); w.Code != tt.status {
				t.Errorf("GET %s with Host %q: status %d, want %d", tt.path, tt.host, w.Code, tt.status)
			}
		}
	})
}

// TestLoopbackHostsInDevelopment: with a local base URL, as `make run` has,
// the browser may use any loopback name and port.
func TestLoopbackHostsInDevelopment(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0, func(s *web.Server) { s.Config.BaseURL = "http://localhost:8080" })
		putDevMessage(t, app, "http://localhost:8080/login/livetoken")
		tests := []struct {
			host   string
			status int
		}{
			{"localhost:8080", http.StatusOK},
			{"localhost", http.StatusOK},
			{"127.0.0.1:8080", http.StatusOK},
			{"[::1]:9000", http.StatusOK},
			{"registrar.test", http.StatusMisdirectedRequest},
			{"evil.example:8080", http.StatusMisdirectedRequest},
			{"localhost.evil.example", http.StatusMisdirectedRequest},
		}
		for _, tt := range tests {
			for _, path := range []string{"/", "/dev/mailbox"} {
				r := newRequest(http.MethodGet, path, nil)
				r.Host, r.RemoteAddr = tt.host, "127.0.0.1:5555"
				if w := app.do(t, r); w.Code != tt.status {
					t.Errorf("GET %s with Host %q: status %d, want %d", path, tt.host, w.Code, tt.status)
				}
			}
		}
		// A sign-in form posted from the page the browser shows passes.
		r := newRequest(http.MethodPost, "/login", strings.NewReader("email=ada%40example.org"))
		r.Host = "127.0.0.1:8080"
		r.Header.Set("Origin", "http://127.0.0.1:8080")
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if w := app.do(t, r); w.Code != http.StatusSeeOther {
			t.Errorf("POST /login at 127.0.0.1:8080: status %d, want 303", w.Code)
		}
	})
}
