package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"registrar/integrations/fakeapi"
	"registrar/integrations/jobs"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// The acceptance tests of the integrations: sign-ups made through the web
// handlers reach Google Sheets, Trello and Mailgun exactly once, through
// vendor faults and through a crash, and fast enough in bulk.

// TestSyncExactlyOnceThroughFaults drives 200 sign-ups and 120 confirmations
// through the web while every vendor fails 30 % of requests (5xx, 429, no
// answer although the write happened, 500 after the write), then stops the
// faults and checks that the outbox drains and every registration has one
// row, one card and its emails, each once.
func TestSyncExactlyOnceThroughFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("sync acceptance test (about 80 s, paced by the faults and Trello's rate limit): skipped in -short mode; make test-all runs it")
	}
	fakes := seededFakes(t, 42)
	w := newWire(fakes)
	// 80 s of faults on SQLite; TestSyncSurvivesAbruptRestart runs the outbox on both databases.
	app := startCrashableApp(t, sqlstoretest.URL(t), "127.0.0.1:0", AppOptions{
		Runner:     jobs.Options{Poll: 20 * time.Millisecond, BackoffBase: 150 * time.Millisecond, BackoffMax: 2 * time.Second},
		HTTPClient: w.client(time.Second), // a Slow fault costs one second
		MailRetry:  200 * time.Millisecond,
	}, fakes.env()...)
	createSyncEvents(t, app.App)

	fakes.randomFaults(0.3)
	faultsOn := time.Now()
	people := applicants(0, 200)
	signUpAll(t, app.URL, people)
	// Three in five follow their link, as soon as it reaches them: their
	// status changes (some onto a waitlist) while the first sync is still
	// retrying, and the row and the card must end up showing it.
	var confirm []applicant
	for i, p := range people {
		if i%5 < 3 {
			confirm = append(confirm, p)
		}
	}
	confirmAsEmailsArrive(t, app, fakes.mail, confirm, 2*time.Minute)
	// Mentoring starts while the faults go on: accepted, paired (active),
	// steps ticked, check-ins written; the sheet's mentoring columns and the
	// cards' checklists must show each exactly once.
	paired := mentorAll(t, app.App, 15)
	t.Logf("%d students paired, with steps and check-ins, during the faults", paired)
	if paired == 0 {
		t.Error("nobody was paired: the test does not exercise mentoring")
	}
	fakes.randomFaults(0)
	faultsOff := time.Now()
	t.Logf("faults were on for %s: sign-ups and %d confirmations", faultsOff.Sub(faultsOn).Round(100*time.Millisecond), len(confirm))
	w.logFaults(t)

	took := waitForSync(t, app.DB, 2*time.Minute)
	t.Logf("the outbox converged %s after the faults stopped", took.Round(100*time.Millisecond))
	rep := checkMirrors(t, app.DB, fakes)
	rep.log(t)
	if rep.registrations != len(people) {
		t.Errorf("%d registrations in the database, want %d", rep.registrations, len(people))
	}
	if rep.confirmed+rep.accepted+rep.active+rep.waitlisted != len(confirm) || rep.waitlisted == 0 {
		t.Errorf("%d confirmed and %d waitlisted, want %d in all with some on a waitlist", rep.confirmed, rep.waitlisted, len(confirm))
	}
}

// TestSyncSurvivesAbruptRestart kills the app while a write to each vendor
// has been applied but not answered, starts a new app on the same database,
// and checks that the dead process's jobs are picked up once their leases
// run out and still give one row, one card and one email each.
func TestSyncSurvivesAbruptRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("sync acceptance test (about 25 s per database): skipped in -short mode; make test-all runs it")
	}
	for _, db := range []struct {
		name string
		url  func(testing.TB) string
	}{{"sqlite", sqlstoretest.URL}, {"postgres", sqlstoretest.PostgresURL}} {
		t.Run(db.name, func(t *testing.T) { testAbruptRestart(t, db.url(t)) })
	}
}

func testAbruptRestart(t *testing.T, dbURL string) {
	const lease = 4 * time.Second
	fakes := seededFakes(t, 7)
	w := newWire(fakes)
	opts := func(timeout time.Duration) AppOptions {
		return AppOptions{
			Runner:     jobs.Options{Lease: lease, Poll: 20 * time.Millisecond, BackoffBase: 150 * time.Millisecond, BackoffMax: 2 * time.Second},
			HTTPClient: w.client(timeout),
			MailRetry:  200 * time.Millisecond,
		}
	}
	// The first app's client waits longer than the handlers' deadline
	// (4/5 of the lease), so a hung request is still hanging at the kill.
	app1 := startCrashableApp(t, dbURL, "127.0.0.1:0", opts(10*time.Second), fakes.env()...)
	createSyncEvents(t, app1.App)
	fakes.randomFaults(0.1)

	wave1, wave2 := applicants(0, 40), applicants(40, 20)
	signUpAll(t, app1.URL, wave1)
	pollUntil(t, "the first wave's emails and rows", time.Minute, func() (bool, string) {
		msgs, rows := len(fakes.mail.Copies()), sheetRows(fakes.sheets)
		return msgs >= len(wave1) && rows >= len(wave1), fmt.Sprintf("%d messages, %d rows", msgs, rows)
	})
	// The next write to each vendor is applied and never answered; the app
	// dies while it waits.
	fakes.sheets.Script(fakeapi.Fault{Kind: fakeapi.Slow, Op: "values.append"})
	fakes.mail.Script(fakeapi.Fault{Kind: fakeapi.Slow, Op: "messages.send"})
	signUpAll(t, app1.URL, wave2)
	fakes.trello.Script(fakeapi.Fault{Kind: fakeapi.Slow, Op: "cards.create"})
	hanging := func() bool {
		return fakes.sheets.PendingFaults()+fakes.trello.PendingFaults()+fakes.mail.PendingFaults() == 0 &&
			w.inFlight("sheets") > 0 && w.inFlight("trello") > 0 && w.inFlight("mailgun") > 0
	}
	if _, ok := pollFor(t.Context(), 10*time.Second, 5*time.Millisecond, hanging); !ok {
		t.Logf("not every vendor had a write hanging at once; killing anyway (in flight: sheets %d, trello %d, mailgun %d)",
			w.inFlight("sheets"), w.inFlight("trello"), w.inFlight("mailgun"))
	}
	progress := fmt.Sprintf("%d rows, %d cards, %d emails", sheetRows(fakes.sheets), len(fakes.trello.Cards()), len(fakes.mail.Copies()))
	app1.Kill()
	fakes.randomFaults(0)

	// What the dead process left: leases nobody will release.
	before := outboxJobs(t, dbURL)
	var leased []string
	for _, s := range outboxStats(t, dbURL) {
		if s.InFlight > 0 {
			leased = append(leased, fmt.Sprintf("%s %d", s.Kind, s.InFlight))
		}
	}
	t.Logf("killed with %s at the vendors; leases held by the dead process: %s", progress, strings.Join(leased, ", "))
	if len(leased) == 0 {
		t.Fatal("no job was leased at the kill: the test did not kill the app in the middle of syncing")
	}

	// A new process on the same database and address, so emailed links work.
	restart := time.Now()
	app2 := startCrashableApp(t, dbURL, strings.TrimPrefix(app1.URL, "http://"), opts(time.Second), fakes.env()...)
	var keys []string
	for _, j := range before {
		keys = append(keys, j.Key)
	}
	pickup := pollUntil(t, "the dead process's jobs to be claimed again", time.Minute, func() (bool, string) {
		var waiting []string
		for key, j := range outboxJobsOf(t, app2.DB, keys) {
			if b, left := before[key]; left && j.State == workflows.JobQueued && j.Attempts == b.Attempts {
				waiting = append(waiting, string(j.Kind)+" "+j.Key)
			}
		}
		return len(waiting) == 0, fmt.Sprintf("%d not claimed yet: %v", len(waiting), waiting[:min(len(waiting), 5)])
	})
	t.Logf("the %d jobs left queued by the dead process were claimed again %s after the restart (lease %s)",
		len(before), pickup.Round(100*time.Millisecond), lease)

	// Status changes after the restart follow too.
	var confirm []applicant
	for i, p := range append(wave1, wave2...) {
		if i%3 == 0 {
			confirm = append(confirm, p)
		}
	}
	confirmAsEmailsArrive(t, app2, fakes.mail, confirm, time.Minute)
	waitForSync(t, app2.DB, time.Minute-time.Since(restart))
	t.Logf("converged %s after the restart", time.Since(restart).Round(100*time.Millisecond))
	rep := checkMirrors(t, app2.DB, fakes)
	rep.log(t)
	if rep.registrations != len(wave1)+len(wave2) {
		t.Errorf("%d registrations in the database, want %d", rep.registrations, len(wave1)+len(wave2))
	}
	w.logFaults(t)
}

// BenchmarkSync1000 signs up 1,000 people through the web with production
// settings (runner timings, backoff, vendor rate limiters) and reports what
// syncing them cost: Sheets write calls, Trello card creates per
// registration, Trello 429s, and the seconds until every row, card and email
// is out. Trello's 8 requests a second make it about two minutes.
func BenchmarkSync1000(b *testing.B) {
	const n = 1000
	var writes, creates, limited, synced, signups float64
	runs := 0
	for b.Loop() {
		fakes := seededFakes(b, 1)
		app := startCrashableApp(b, sqlstoretest.URL(b), "127.0.0.1:0", AppOptions{}, fakes.env()...)
		createSyncEvents(b, app.App)
		start := time.Now()
		signUpAll(b, app.URL, applicants(0, n))
		signedUp := time.Since(start)
		waitForSync(b, app.DB, 10*time.Minute)
		took := time.Since(start)
		rep := checkMirrors(b, app.DB, fakes)
		if rep.registrations != n {
			b.Fatalf("%d registrations, want %d", rep.registrations, n)
		}
		w, c, l := fakes.sheets.WriteCalls(), fakes.trello.Creates(), fakes.trello.RateLimited()
		if w > 25 {
			b.Errorf("%d Sheets write calls for %d sign-ups, want at most 25", w, n)
		}
		if c > n {
			b.Errorf("%d cards created for %d registrations, want at most one each", c, n)
		}
		if l > 0 {
			b.Errorf("the fake Trello refused %d requests over its rate limit, want 0", l)
		}
		writes, creates, limited = writes+float64(w), creates+float64(c)/n, limited+float64(l)
		synced, signups = synced+took.Seconds(), signups+signedUp.Seconds()
		runs++
		app.Stop()
	}
	r := float64(max(runs, 1))
	b.ReportMetric(writes/r, "sheets-writes")
	b.ReportMetric(creates/r, "cards/reg")
	b.ReportMetric(limited/r, "trello-429s")
	b.ReportMetric(synced/r, "s-to-sync")
	b.ReportMetric(signups/r, "s-signups")
}

// syncEvents are two events whose small capacities put some confirmations
// on a waitlist.
var syncEvents = []workflows.EventInput{
	{Slug: "upstream-2026", Title: "OpenStack Upstream Training", Location: "Berlin", Timezone: "Europe/Berlin",
		StartsOn: "2030-12-07", EndsOn: "2030-12-09", StudentCapacity: 30, MentorCapacity: 12},
	{Slug: "summit-2026", Title: "Contributor Summit", Location: "Vancouver", Timezone: "America/Vancouver",
		StartsOn: "2030-05-04", EndsOn: "2030-05-05", StudentCapacity: 45, MentorCapacity: 8},
}
