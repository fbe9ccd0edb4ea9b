package web_test

import (
	"net/http"
	"net/netip"
	"strings"
	"testing"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/web"
)

// signupFrom posts a sign-up as the peer remote, with an X-Forwarded-For
// header when xff is not empty.
func (a *testApp) signupFrom(t testing.TB, remote, xff, addr string) int {
	t.Helper()
	r := newRequest(http.MethodPost, "/events/big/students", strings.NewReader(studentForm(set("email", addr)).Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.RemoteAddr = remote
	if xff != "" {
		r.Header.Set("X-Forwarded-For", xff)
	}
	return a.do(t, r).Code
}

// TestForwardedForBehindTrustedProxy: the client is the right-most address
// that is not a trusted proxy; a header that cannot be read is a 400, never
// the proxy's own bucket, which every client would share.
func TestForwardedForBehindTrustedProxy(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	tests := []struct {
		name   string
		xff    []string // one request each, in order, from the proxy 10.0.0.1
		status []int
	}{
		{"one client is limited", []string{"203.0.113.9", "203.0.113.9"}, []int{303, 429}},
		{"two clients are not one", []string{"203.0.113.9", "198.51.100.7"}, []int{303, 303}},
		{"right-most untrusted hop, spoofed left part ignored", []string{"1.1.1.1, 203.0.113.9, 10.0.0.2", "2.2.2.2, 203.0.113.9"}, []int{303, 429}},
		{"a port on the hop", []string{"203.0.113.9:4711", "[2001:db8::1]:443"}, []int{303, 303}},
		{"unknown", []string{"unknown"}, []int{400}},
		{"unreadable after the client's address", []string{"203.0.113.9, garbage"}, []int{400}},
		{"empty hop", []string{"203.0.113.9,,"}, []int{400}},
		{"unreadable does not share the proxy's bucket", []string{"unknown", "unknown", "198.51.100.7"}, []int{400, 400, 303}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := newTestApp(t, sqlstoretest.Open(t), 1, func(s *web.Server) { s.Config.TrustedProxies = proxies }) // client addresses, not the store: SQLite only
			for i, xff := range tt.xff {
				if got := app.signupFrom(t, "10.0.0.1:5555", xff, "p"+string(rune('a'+i))+"@example.org"); got != tt.status[i] {
					t.Errorf("request %d (X-Forwarded-For %q): status %d, want %d", i+1, xff, got, tt.status[i])
				}
			}
		})
	}
	// From a peer that is not a trusted proxy the header means nothing.
	app := newTestApp(t, sqlstoretest.Open(t), 1, func(s *web.Server) { s.Config.TrustedProxies = proxies })
	if got := app.signupFrom(t, "203.0.113.9:5555", "unknown", "x@example.org"); got != http.StatusSeeOther {
		t.Errorf("untrusted peer with an unreadable header: status %d, want 303", got)
	}
}

// TestRateLimitKeysIPv6ByPrefix: addresses in one /64 are one client.
func TestRateLimitKeysIPv6ByPrefix(t *testing.T) {
	app := newTestApp(t, sqlstoretest.Open(t), 1) // client addresses, not the store: SQLite only
	steps := []struct {
		remote string
		status int
	}{
		{"[2001:db8:1:2::1]:5555", http.StatusSeeOther},
		{"[2001:db8:1:2:ffff::9]:5555", http.StatusTooManyRequests},
		{"[2001:db8:1:3::1]:5555", http.StatusSeeOther},
	}
	for i, s := range steps {
		if got := app.signupFrom(t, s.remote, "", "v"+string(rune('a'+i))+"@example.org"); got != s.status {
			t.Errorf("from %s: status %d, want %d", s.remote, got, s.status)
		}
	}
}

// TestMetricsOnlyForScrapers: /metrics answers loopback peers that are not
// proxying and the REGISTRAR_METRICS_ALLOW networks; others get 404.
func TestMetricsOnlyForScrapers(t *testing.T) {
	allow := []netip.Prefix{netip.MustParsePrefix("192.0.2.128/25")}
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	tests := []struct {
		name, remote, xff string
		status            int
	}{
		{"stranger", "203.0.113.9:5555", "", http.StatusNotFound},
		{"loopback", "127.0.0.1:5555", "", http.StatusOK},
		{"loopback v6", "[::1]:5555", "", http.StatusOK},
		{"through a proxy on this host", "127.0.0.1:5555", "203.0.113.9", http.StatusNotFound},
		{"allowed network", "192.0.2.200:5555", "", http.StatusOK},
		{"next to the allowed network", "192.0.2.1:5555", "", http.StatusNotFound},
		{"allowed network through a trusted proxy", "10.0.0.1:5555", "192.0.2.200", http.StatusOK},
		{"stranger through a trusted proxy", "10.0.0.1:5555", "203.0.113.9", http.StatusNotFound},
	}
	app := newTestApp(t, sqlstoretest.Open(t), 0, func(s *web.Server) { // who may scrape, not the store: SQLite only
		s.Config.MetricsAllow, s.Config.TrustedProxies = allow, proxies
	})
	for _, tt := range tests {
		r := newRequest(http.MethodGet, "/metrics", nil)
		r.RemoteAddr, r.Host = tt.remote, "10.1.2.3:8080" // scrapers call by IP
		if tt.xff != "" {
			r.Header.Set("X-Forwarded-For", tt.xff)
		}
		w := app.do(t, r)
		if w.Code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, w.Code, tt.status)
		}
		if tt.status == http.StatusNotFound && strings.Contains(w.Body.String(), "registrar_") {
			t.Errorf("%s: refused, yet the body holds metrics", tt.name)
		}
	}
}
