package web_test

import (
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/web"
)

func (a *testApp) loginFrom(t testing.TB, remote string, form url.Values) int {
	t.Helper()
	r := newRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.RemoteAddr = remote
	return a.do(t, r).Code
}

// TestLoginLimiterMemoryBounded posts 500 sign-in requests with 60 KiB
// bodies: addresses are validated before the limiter sees them and kept as
// fixed-size hashes, so the heap does not grow with what is posted.
func TestLoginLimiterMemoryBounded(t *testing.T) {
	// The limiter's memory, not the store, is under test: SQLite only.
	app := newTestApp(t, sqlstoretest.Open(t), 0, func(s *web.Server) { s.Config.LoginEmailsPerHour = 5 })
	spaces := strings.Repeat(" ", 60<<10)
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	for i := range 3 {
		app.loginFrom(t, "192.0.2.1:1", url.Values{"email": {"warm" + strconv.Itoa(i) + "@example.org"}})
	}
	before := heap()
	for i := range 500 {
		// Half are far too long to be addresses, half are valid once trimmed;
		// each is 60 KiB as posted, and no two are alike.
		addr := "user" + strconv.Itoa(i) + "@example.org" + spaces[:60<<10-30]
		if i%2 == 0 {
			addr = strings.Replace(addr, "@", strings.Repeat("x", 60<<10-30)+"@", 1)[:60<<10]
		}
		app.loginFrom(t, "192.0.2.1:1", url.Values{"email": {addr}})
	}
	grown := int64(heap()) - int64(before)
	t.Logf("500 sign-in requests of 60 KiB: heap grew %d KiB", grown>>10)
	if grown > 2<<20 {
		t.Errorf("heap grew %d KiB over 500 requests, want under 2 MiB", grown>>10)
	}
}

// TestOwnerSignsInAfterSomeoneBurnedTheCap: another client using up an
// address's sign-in emails does not lock its owner out.
func TestOwnerSignsInAfterSomeoneBurnedTheCap(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0, func(s *web.Server) { s.Config.LoginEmailsPerHour = 5 })
		app.register(t, "spring", "student", "Ada Lovelace", "ada@example.org")
		form := url.Values{"email": {"ada@example.org"}}
		for range 6 {
			app.loginFrom(t, "198.51.100.7:1", form)
		}
		if n := len(app.loginPaths(t, "ada@example.org")); n != 5 {
			t.Fatalf("the other client got %d sign-in emails sent, want the cap of 5", n)
		}
		c := app.client() // the owner, from 192.0.2.1
		path := app.requestLogin(t, c, "ada@example.org")
		if w := c.post(t, path, nil); w.Code != http.StatusSeeOther {
			t.Fatalf("owner's sign-in link: status %d, want 303", w.Code)
		}
	})
}
