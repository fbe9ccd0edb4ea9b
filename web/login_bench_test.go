package web_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/web"
	"registrar/workflows"
)

// BenchmarkLoginCreate compares a sign-in request for a known address with
// one for an unknown address, without and with the response floor that
// production uses: the answers are the same, and with the floor so is the
// time, so timing does not tell which addresses exist.
func BenchmarkLoginCreate(b *testing.B) {
	for _, tc := range []struct {
		name, addr string
		floor      time.Duration
	}{
		{"known", "ada@example.org", 0}, {"unknown", "nobody@example.org", 0},
		{"known/floor", "ada@example.org", 10 * time.Millisecond}, {"unknown/floor", "nobody@example.org", 10 * time.Millisecond},
	} {
		b.Run(tc.name, func(b *testing.B) {
			app := newTestApp(b, sqlstoretest.Open(b), 0, func(s *web.Server) { // benchmarks measure the default database, SQLite
				s.Config.LoginEmailsPerHour, s.Config.LoginResponseFloor = 0, tc.floor
			})
			app.register(b, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
			form := url.Values{"email": {tc.addr}}
			b.ReportAllocs()
			for b.Loop() {
				if w := app.post(b, "/login", form); w.Code != http.StatusSeeOther {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}
