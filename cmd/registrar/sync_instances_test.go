package main

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"registrar/integrations/jobs"
	"registrar/integrations/mailgun/mailguntest"
	"registrar/integrations/sheets/sheetstest"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/integrations/trello/trellotest"
)

// instanceHeader names the instance behind each vendor request, so the
// Sheets fake can tell two instances' writes to one tab apart.
const instanceHeader = "X-Test-Instance"

// TestTwoInstancesShareVendorBudgets runs two whole apps on one PostgreSQL
// database and splits 300 sign-ups between them. The fakes enforce the
// vendors' limits (Trello per token, Sheets per user, reads and writes
// apart) with 429s and the Sheets fake flags any write made on a stale read
// of a tab (two instances inside one tab at once). Both instances draw from
// the budgets in the database, so: no 429 at all, no stale write, and each
// registration ends with one row and one card.
//
// To stay fast and still make the budgets bind (the sign-ups ask for more
// than they allow), the limits are scaled down: Trello 30 requests per 2 s
// per token (not 100 per 10 s) with the budget at 24/2s, Sheets 12 reads and
// 12 writes per 6 s (not 60 a minute) with the budget at 10/6s. Either
// instance's budget alone (the old per-process limiters) would have let two
// instances draw 429s from both.
func TestTwoInstancesShareVendorBudgets(t *testing.T) {
	if testing.Short() {
		t.Skip("two-instance test (about a minute): skipped in -short mode; make test-all runs it on PostgreSQL")
	}
	dbURL := sqlstoretest.PostgresURL(t) // skips, saying so, without REGISTRAR_TEST_DATABASE_URL
	fakes := vendorFakes{
		sheets: sheetstest.New(t, sheetstest.WithQuota(12, 6*time.Second), sheetstest.WithCallers(instanceHeader)),
		trello: trellotest.New(t, trellotest.WithRateLimit(30, 2*time.Second)),
		mail:   mailguntest.New(t),
	}
	w := newWire(fakes)
	env := append(fakes.env(), "REGISTRAR_TRELLO_BUDGET=24/2s", "REGISTRAR_SHEETS_BUDGET=10/6s")
	var apps [2]*crashableApp
	var tags [2]*tagged
	for i, name := range []string{"a", "b"} {
		tags[i] = &tagged{base: w, name: name, calls: map[string]int{}}
		apps[i] = startCrashableApp(t, dbURL, "127.0.0.1:0", AppOptions{
			Runner:     jobs.Options{Poll: 20 * time.Millisecond, BackoffBase: 150 * time.Millisecond, BackoffMax: 2 * time.Second},
			HTTPClient: &http.Client{Transport: tags[i], Timeout: 5 * time.Second},
			MailRetry:  200 * time.Millisecond,
		}, env...)
	}
	createSyncEvents(t, apps[0].App)

	start := time.Now()
	people := applicants(0, 300)
	// Four people at a time post to each instance: faster than one Trello
	// budget drains, so the two instances' workers contend for it.
	var wg sync.WaitGroup
	c := formClient(t)
	for i := range 8 {
		app := apps[i%2]
		wg.Go(func() {
			for j := i; j < len(people); j += 8 {
				if err := postSignup(t.Context(), c, app.URL, people[j]); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	signedUp := time.Since(start)
	waitForSync(t, apps[0].DB, 90*time.Second)
	t.Logf("300 sign-ups through two instances in %s, all synced %s after the first",
		signedUp.Round(100*time.Millisecond), time.Since(start).Round(100*time.Millisecond))
	w.logFaults(t)
	for _, tg := range tags {
		tg.log(t)
	}

	rep := checkMirrors(t, apps[0].DB, fakes) // one row and one card each, emails once
	rep.log(t)
	if rep.registrations != len(people) {
		t.Errorf("%d registrations, want %d", rep.registrations, len(people))
	}
	if n := fakes.trello.RateLimited(); n != 0 {
		t.Errorf("the Trello fake refused %d requests over its limit per token, want 0", n)
	}
	if n := fakes.sheets.QuotaRefused(); n != 0 {
		t.Errorf("the Sheets fake refused %d requests over its quota, want 0", n)
	}
	if n := fakes.sheets.StaleWrites(); n != 0 {
		t.Errorf("%d Sheets writes made on a stale read of a tab (two instances inside one tab at once), want 0", n)
	}
	for _, tg := range tags {
		if tg.count("trello") == 0 || tg.count("sheets") == 0 {
			t.Errorf("instance %s made %d Trello and %d Sheets calls: both instances must share the work for the test to mean anything",
				tg.name, tg.count("trello"), tg.count("sheets"))
		}
	}
}

// tagged names its instance on each request to the vendors and counts them.
type tagged struct {
	base http.RoundTripper
	name string

	mu    sync.Mutex
	calls map[string]int // vendor → requests
}

func (tg *tagged) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set(instanceHeader, tg.name)
	if w, ok := tg.base.(*wire); ok {
		tg.mu.Lock()
		tg.calls[w.vendor[r.URL.Host]]++
		tg.mu.Unlock()
	}
	return tg.base.RoundTrip(r)
}

func (tg *tagged) count(vendor string) int {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	return tg.calls[vendor]
}

func (tg *tagged) log(t *testing.T) {
	t.Helper()
	t.Logf("instance %s: %s", tg.name, fmt.Sprintf("%d Trello, %d Sheets, %d Mailgun requests", tg.count("trello"), tg.count("sheets"), tg.count("mailgun")))
}
