package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"registrar/integrations/jobs"
	"registrar/integrations/mailgun"
	"registrar/integrations/mailgun/mailguntest"
	"registrar/integrations/sheets/sheetstest"
	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/integrations/trello/trellotest"
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
	if rep.confirmed+rep.waitlisted != len(confirm) || rep.waitlisted == 0 {
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
		msgs, rows := len(fakes.mail.Messages()), sheetRows(fakes.sheets)
		return msgs >= len(wave1) && rows >= len(wave1), fmt.Sprintf("%d messages, %d rows", msgs, rows)
	})
	// The next write to each vendor is applied and never answered; the app
	// dies while it waits.
	fakes.sheets.Script(sheetstest.Fault{Kind: sheetstest.Slow, Op: "values.append"})
	fakes.mail.Script(mailguntest.Fault{Kind: mailguntest.Slow, Op: "messages.send"})
	signUpAll(t, app1.URL, wave2)
	fakes.trello.Script(trellotest.Fault{Kind: trellotest.Slow, Op: "cards.create"})
	hanging := func() bool {
		return fakes.sheets.PendingFaults()+fakes.trello.PendingFaults()+fakes.mail.PendingFaults() == 0 &&
			w.inFlight("sheets") > 0 && w.inFlight("trello") > 0 && w.inFlight("mailgun") > 0
	}
	if _, ok := pollFor(t.Context(), 10*time.Second, 5*time.Millisecond, hanging); !ok {
		t.Logf("not every vendor had a write hanging at once; killing anyway (in flight: sheets %d, trello %d, mailgun %d)",
			w.inFlight("sheets"), w.inFlight("trello"), w.inFlight("mailgun"))
	}
	progress := fmt.Sprintf("%d rows, %d cards, %d messages", sheetRows(fakes.sheets), len(fakes.trello.Cards()), len(fakes.mail.Messages()))
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

func createSyncEvents(tb testing.TB, app *App) {
	tb.Helper()
	events := &workflows.Events{Store: app.DB, Clock: app.Clock}
	for _, in := range syncEvents {
		if _, err := events.Create(tb.Context(), in); err != nil {
			tb.Fatalf("create event %s: %v", in.Slug, err)
		}
	}
}

// applicant is one person signing up.
type applicant struct {
	Event string
	Role  workflows.Role
	Name  string
	Email string
}

// applicants returns people from index from on: alternating events, one in
// three a mentor.
func applicants(from, n int) []applicant {
	out := make([]applicant, 0, n)
	for i := from; i < from+n; i++ {
		role := workflows.RoleStudent
		if (i/2)%3 == 2 {
			role = workflows.RoleMentor
		}
		out = append(out, applicant{Event: syncEvents[i%2].Slug, Role: role,
			Name: fmt.Sprintf("Person %04d", i), Email: fmt.Sprintf("person%04d@example.org", i)})
	}
	return out
}

// form is the sign-up form as a browser posts it.
func (a applicant) form() url.Values {
	v := url.Values{"name": {a.Name}, "email": {a.Email}, "company": {"Example Corp"}, "irc": {"p" + a.Email[6:10]},
		"timezone": {"Europe/Berlin"}}
	if a.Role == workflows.RoleMentor {
		v.Set("projects", "nova\nneutron")
		v.Set("max_mentees", "2")
	} else {
		v.Set("project", "nova")
		v.Set("experience", "Some Python.")
		v.Set("goals", "Land a first patch.")
	}
	return v
}

// formClient is an HTTP client that, like a form post, does not follow the
// redirect to the check-your-email page.
func formClient(tb testing.TB) *http.Client {
	c := &http.Client{Timeout: 30 * time.Second, Transport: http.DefaultTransport.(*http.Transport).Clone(),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tb.Cleanup(c.CloseIdleConnections)
	return c
}

// signUpAll posts everyone's form to the app, four at a time.
func signUpAll(tb testing.TB, base string, people []applicant) {
	tb.Helper()
	c := formClient(tb)
	work := make(chan applicant)
	errs := make(chan error, len(people))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for p := range work {
				errs <- postSignup(tb.Context(), c, base, p)
			}
		})
	}
	for _, p := range people {
		work <- p
	}
	close(work)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			tb.Fatal(err)
		}
	}
}

func postSignup(ctx context.Context, c *http.Client, base string, p applicant) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/events/"+p.Event+"/"+string(p.Role)+"s", strings.NewReader(p.form().Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("sign up %s: %w", p.Email, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "/events/"+p.Event+"/check-email") {
		return fmt.Errorf("sign up %s: %s to %q, want 303 to the check-email page:\n%.500s", p.Email, resp.Status, resp.Header.Get("Location"), body)
	}
	return nil
}

var confirmLinkPattern = regexp.MustCompile(`http://\S+/confirm/[A-Za-z0-9_-]+`)

// confirmAsEmailsArrive follows each person's confirmation link as soon as
// the email carrying it reaches the fake Mailgun.
func confirmAsEmailsArrive(tb testing.TB, app *crashableApp, mail *mailguntest.Server, people []applicant, timeout time.Duration) {
	tb.Helper()
	base := app.URL
	c := formClient(tb)
	waiting := map[string]bool{}
	for _, p := range people {
		waiting[p.Email] = true
	}
	pollUntil(tb, "confirmation emails", timeout, func() (bool, string) {
		for _, m := range mail.Messages() {
			if len(m.To) != 1 || !waiting[m.To[0]] || !slices.Contains(m.Tags, string(workflows.EmailConfirmSignup)) {
				continue
			}
			link := confirmLinkPattern.FindString(m.Text)
			if !strings.HasPrefix(link, base+"/") {
				tb.Fatalf("confirmation email to %s has no link under %s:\n%s", m.To[0], base, m.Text)
			}
			req, err := http.NewRequestWithContext(tb.Context(), http.MethodGet, link, nil)
			if err != nil {
				tb.Fatal(err)
			}
			resp, err := c.Do(req)
			if err != nil {
				tb.Fatalf("confirm %s: %v", m.To[0], err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				tb.Fatalf("confirm %s: %s", m.To[0], resp.Status)
			}
			delete(waiting, m.To[0])
		}
		if len(waiting) == 0 {
			return true, ""
		}
		return false, fmt.Sprintf("%d of %d still waiting for their email; %s", len(waiting), len(people),
			emailJobs(tb, app.DB, slices.Collect(maps.Keys(waiting))))
	})
}

// emailJobs describes the send jobs of the emails queued for addrs.
func emailJobs(tb testing.TB, db *sqlstore.DB, addrs []string) string {
	tb.Helper()
	var ids []string
	for _, a := range addrs {
		emails, err := db.EmailsTo(tb.Context(), a)
		if err != nil {
			tb.Fatal(err)
		}
		for _, e := range emails {
			ids = append(ids, e.ID)
		}
	}
	var out []string
	for _, j := range outboxJobsOf(tb, db, ids) {
		out = append(out, fmt.Sprintf("%s %s: %s after %d attempts (%d failures), next at %s, last error %q",
			j.Kind, j.Key, j.State, j.Attempts, j.Failures, j.RunAt.Format(time.TimeOnly), j.LastError))
	}
	slices.Sort(out)
	return strings.Join(out, "; ")
}

// pollFor calls cond every interval until it holds or timeout passes, and
// reports how long that took.
func pollFor(ctx context.Context, timeout, interval time.Duration, cond func() bool) (time.Duration, bool) {
	start := time.Now()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		if cond() {
			return time.Since(start), true
		}
		select {
		case <-ctx.Done():
			return time.Since(start), false
		case <-deadline.C:
			return time.Since(start), cond()
		case <-tick.C:
		}
	}
}

// pollUntil is pollFor that fails the test on timeout, saying what it was
// waiting for and where things stood.
func pollUntil(tb testing.TB, what string, timeout time.Duration, cond func() (bool, string)) time.Duration {
	tb.Helper()
	var status string
	took, ok := pollFor(tb.Context(), timeout, 50*time.Millisecond, func() bool {
		var done bool
		done, status = cond()
		return done
	})
	if !ok {
		tb.Fatalf("gave up after %s waiting for %s: %s", timeout, what, status)
	}
	return took
}

// waitForSync waits until the outbox holds no queued job (due, leased or
// backing off) and fails the test at once if a job is parked.
func waitForSync(tb testing.TB, db *sqlstore.DB, timeout time.Duration) time.Duration {
	tb.Helper()
	return pollUntil(tb, "the outbox to drain", timeout, func() (bool, string) {
		stats, err := db.Stats(tb.Context(), time.Now())
		if err != nil {
			tb.Fatalf("outbox stats: %v", err)
		}
		queued := 0
		var parts []string
		for _, s := range stats {
			if s.Failed > 0 {
				var problems []string
				_ = db.InTx(tb.Context(), func(tx workflows.Tx) error {
					jobs, err := tx.ProblemJobs(tb.Context(), 5)
					for _, j := range jobs {
						problems = append(problems, fmt.Sprintf("%s %s: %s", j.Kind, j.Key, j.LastError))
					}
					return err
				})
				tb.Fatalf("%d %s jobs parked as failed for good: %s", s.Failed, s.Kind, strings.Join(problems, "; "))
			}
			queued += s.Due + s.Waiting
			parts = append(parts, fmt.Sprintf("%s: %d due (%d leased), %d backing off", s.Kind, s.Due, s.InFlight, s.Waiting))
		}
		return queued == 0, strings.Join(parts, "; ")
	})
}

// outboxStats reads the outbox through a handle of its own, as an operator
// would while no app runs.
func outboxStats(tb testing.TB, dbURL string) []sqlstore.JobStats {
	tb.Helper()
	db, err := sqlstore.Open(tb.Context(), dbURL)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	stats, err := db.Stats(tb.Context(), time.Now())
	if err != nil {
		tb.Fatal(err)
	}
	return stats
}

// outboxJobs returns the queued jobs of every registration and email, by
// kind and key, through a handle of its own.
func outboxJobs(tb testing.TB, dbURL string) map[string]workflows.JobStatus {
	tb.Helper()
	db, err := sqlstore.Open(tb.Context(), dbURL)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var keys []string
	for _, r := range readRegistrations(tb, db) {
		keys = append(keys, r.ID)
		for _, e := range r.emails {
			keys = append(keys, e.ID)
		}
	}
	out := map[string]workflows.JobStatus{}
	for k, j := range outboxJobsOf(tb, db, keys) {
		if j.State == workflows.JobQueued {
			out[k] = j
		}
	}
	return out
}

// outboxJobsOf returns the jobs of keys by "kind key".
func outboxJobsOf(tb testing.TB, db *sqlstore.DB, keys []string) map[string]workflows.JobStatus {
	tb.Helper()
	out := map[string]workflows.JobStatus{}
	err := db.InTx(tb.Context(), func(tx workflows.Tx) error {
		jobs, err := tx.JobsFor(tb.Context(), keys)
		for _, j := range jobs {
			out[string(j.Kind)+" "+j.Key] = j
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// syncedRegistration is a registration with its emails, as the database has them.
type syncedRegistration struct {
	workflows.RegistrationDetail
	emails []workflows.Email
}

func readRegistrations(tb testing.TB, db *sqlstore.DB) []syncedRegistration {
	tb.Helper()
	var out []syncedRegistration
	err := db.InTx(tb.Context(), func(tx workflows.Tx) error {
		events, err := tx.ListEvents(tb.Context())
		if err != nil {
			return err
		}
		for _, ev := range events {
			regs, err := tx.RegistrationsOfEvent(tb.Context(), ev.ID)
			if err != nil {
				return err
			}
			for _, r := range regs {
				emails, err := tx.EmailsOfPerson(tb.Context(), r.PersonID)
				if err != nil {
					return err
				}
				out = append(out, syncedRegistration{RegistrationDetail: r, emails: emails})
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("read registrations: %v", err)
	}
	return out
}

// syncReport sums up what checkMirrors found.
type syncReport struct {
	registrations, confirmed, waitlisted int
	emails, messages, duplicates         int
}

func (r syncReport) log(tb testing.TB) {
	tb.Helper()
	tb.Logf("%d registrations (%d confirmed, %d waitlisted): checked; %d emails, %d messages at Mailgun, %d duplicates",
		r.registrations, r.confirmed, r.waitlisted, r.emails, r.messages, r.duplicates)
}

var markerPattern = regexp.MustCompile(`registrar:([A-Za-z0-9_-]+)`)

// checkMirrors checks every registration in the database against the fakes:
// exactly one row in its tab with its status, exactly one open card in the
// list for its status, the card ID kept by its job, and each of its emails
// accepted by Mailgun exactly once, the confirmation among them. Nothing
// else is in the sheet, on the board or at Mailgun.
func checkMirrors(tb testing.TB, db *sqlstore.DB, fakes vendorFakes) syncReport {
	tb.Helper()
	regs := readRegistrations(tb, db)
	rep := syncReport{registrations: len(regs)}
	tabs := map[string][][]string{}
	cards := map[string][]trellotest.Card{}
	for _, c := range fakes.trello.Cards() {
		for _, m := range markerPattern.FindAllStringSubmatch(c.Desc, -1) {
			cards[m[1]] = append(cards[m[1]], c)
		}
	}
	sent := map[string]int{} // Mailgun messages per email ID
	messages := fakes.mail.Messages()
	for _, m := range messages {
		sent[m.Variables[mailgun.VariableEmailID]]++
	}
	rep.messages = len(messages)
	var regIDs []string
	for _, r := range regs {
		regIDs = append(regIDs, r.ID)
	}
	jobs := outboxJobsOf(tb, db, regIDs)
	ids := map[string]bool{}
	for _, r := range regs {
		ids[r.ID] = true
		switch r.Status {
		case workflows.StatusConfirmed:
			rep.confirmed++
		case workflows.StatusWaitlisted:
			rep.waitlisted++
		}
		tab := workflows.SheetTab(r.Event.Slug, r.Role)
		rows, ok := tabs[tab]
		if !ok {
			rows = fakes.sheets.Rows(tab)
			tabs[tab] = rows
		}
		var mine [][]string
		for _, row := range rows {
			if len(row) > 0 && row[0] == r.ID {
				mine = append(mine, row)
			}
		}
		switch {
		case len(mine) != 1:
			tb.Errorf("registration %s: %d rows in tab %q, want 1", r.ID, len(mine), tab)
		case len(mine[0]) < 3 || mine[0][2] != string(r.Status):
			tb.Errorf("registration %s: row %q, want status %s in column C", r.ID, mine[0], r.Status)
		}

		mc := cards[r.ID]
		switch {
		case len(mc) != 1:
			tb.Errorf("registration %s: %d cards with its marker, want 1", r.ID, len(mc))
		case mc[0].Closed || mc[0].List != workflows.TrelloList(r.Status):
			tb.Errorf("registration %s (%s): card in list %q (closed %v), want open in %q", r.ID, r.Status, mc[0].List, mc[0].Closed, workflows.TrelloList(r.Status))
		default:
			if j := jobs[string(workflows.JobTrelloCard)+" "+r.ID]; j.ExternalID != mc[0].ID {
				tb.Errorf("registration %s: its job keeps card ID %q, the card is %q", r.ID, j.ExternalID, mc[0].ID)
			}
		}

		confirmation := 0
		for _, e := range r.emails {
			rep.emails++
			if e.Kind == workflows.EmailConfirmSignup {
				confirmation++
			}
			if e.Status != workflows.EmailSent {
				tb.Errorf("email %s (%s) to %s: status %s, want sent", e.ID, e.Kind, r.ID, e.Status)
			}
			switch n := sent[e.ID]; {
			case n == 0:
				tb.Errorf("email %s (%s) of registration %s never reached Mailgun", e.ID, e.Kind, r.ID)
			case n > 1:
				rep.duplicates += n - 1
			}
			delete(sent, e.ID)
		}
		if confirmation != 1 {
			tb.Errorf("registration %s: %d confirmation emails, want 1", r.ID, confirmation)
		}
	}
	for tab, rows := range tabs {
		for _, row := range rows[1:] {
			if len(row) == 0 || !ids[row[0]] {
				tb.Errorf("tab %q: a row of no registration: %q", tab, row)
			}
		}
	}
	if got := slices.Sorted(maps.Keys(tabs)); len(fakes.sheets.Tabs()) != len(got)+1 { // + "Sheet1"
		tb.Errorf("tabs %q, want Sheet1 and %q", fakes.sheets.Tabs(), got)
	}
	for id, cs := range cards {
		if !ids[id] {
			tb.Errorf("%d cards of no registration (marker registrar:%s)", len(cs), id)
		}
	}
	if total := len(fakes.trello.Cards()); total != len(regs) {
		tb.Errorf("%d cards on the board, want %d", total, len(regs))
	}
	for id, n := range sent {
		tb.Errorf("%d messages at Mailgun of no email we queued (%s=%q)", n, mailgun.VariableEmailID, id)
	}
	if rep.duplicates > 0 {
		tb.Errorf("%d duplicate emails got through, want 0: every retry after an unknown outcome looks for the earlier send first", rep.duplicates)
	}
	return rep
}

// sheetRows counts the data rows of every tab.
func sheetRows(s *sheetstest.Server) int {
	n := 0
	for _, tab := range s.Tabs() {
		if rows := s.Rows(tab); len(rows) > 1 {
			n += len(rows) - 1
		}
	}
	return n
}

// seededFakes starts the three vendor fakes with seeded random faults.
func seededFakes(tb testing.TB, seed uint64) vendorFakes {
	tb.Helper()
	return vendorFakes{sheets: sheetstest.New(tb, sheetstest.WithSeed(seed)), trello: trellotest.New(tb, trellotest.WithSeed(seed+1)),
		mail: mailguntest.New(tb, mailguntest.WithSeed(seed+2))}
}

// randomFaults makes every vendor fail a share p of requests, each with one
// of the four kinds: 5xx, 429 with Retry-After, no answer (the write
// happened) and 500 after the write. Zero turns them off.
func (f vendorFakes) randomFaults(p float64) {
	f.sheets.SetRandomFaults(p, sheetstest.Fail5xx, sheetstest.RateLimit, sheetstest.Slow, sheetstest.FailAfterCommit)
	f.trello.SetRandomFaults(p, trellotest.Fail5xx, trellotest.RateLimit, trellotest.Slow, trellotest.FailAfterCommit)
	f.mail.SetRandomFaults(p, mailguntest.Fail5xx, mailguntest.RateLimit, mailguntest.Slow, mailguntest.FailAfterCommit)
}

// wire is the transport under the app's vendor client: it counts, per
// fake, the requests, the answers that were faults, and what is in flight.
type wire struct {
	base   *http.Transport
	vendor map[string]string // host:port → vendor name
	mu     sync.Mutex
	stats  map[string]*wireStats
}

type wireStats struct {
	requests, inFlight int
	unavailable        int // 503 before the write
	rateLimited        int // 429 with Retry-After, injected
	throttled          int // 429 without Retry-After: the fake Trello's own rate limit
	failedAfterCommit  int // 500 after the write
	noAnswer           int // the client gave up (a Slow fault) or the app died
}

func newWire(f vendorFakes) *wire {
	w := &wire{base: http.DefaultTransport.(*http.Transport).Clone(), vendor: map[string]string{}, stats: map[string]*wireStats{}}
	w.base.MaxIdleConnsPerHost = 16
	for name, raw := range map[string]string{"sheets": f.sheets.URL, "trello": f.trello.URL, "mailgun": f.mail.URL} {
		u, _ := url.Parse(raw)
		w.vendor[u.Host] = name
		w.stats[name] = &wireStats{}
	}
	return w
}

// client is an HTTP client for the app with the given timeout.
func (w *wire) client(timeout time.Duration) *http.Client {
	return &http.Client{Transport: w, Timeout: timeout}
}

func (w *wire) RoundTrip(req *http.Request) (*http.Response, error) {
	s := w.stats[w.vendor[req.URL.Host]]
	if s == nil {
		return w.base.RoundTrip(req)
	}
	w.mu.Lock()
	s.requests++
	s.inFlight++
	w.mu.Unlock()
	resp, err := w.base.RoundTrip(req)
	w.mu.Lock()
	defer w.mu.Unlock()
	s.inFlight--
	switch {
	case err != nil:
		s.noAnswer++
	case resp.StatusCode == http.StatusServiceUnavailable:
		s.unavailable++
	case resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("Retry-After") != "":
		s.rateLimited++
	case resp.StatusCode == http.StatusTooManyRequests:
		s.throttled++
	case resp.StatusCode == http.StatusInternalServerError:
		s.failedAfterCommit++
	}
	return resp, err
}

func (w *wire) inFlight(vendor string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.stats[vendor].inFlight
}

// logFaults reports the faults each fake answered with.
func (w *wire) logFaults(tb testing.TB) {
	tb.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, name := range []string{"sheets", "trello", "mailgun"} {
		s := w.stats[name]
		faults := s.unavailable + s.rateLimited + s.failedAfterCommit + s.noAnswer
		tb.Logf("%-7s %4d requests, %3d faults: %d×503, %d×429, %d×no answer (Slow), %d×500 after the write; %d×429 over the rate limit",
			name, s.requests, faults, s.unavailable, s.rateLimited, s.noAnswer, s.failedAfterCommit, s.throttled)
	}
}

// crashableApp is the whole app served on a loopback address, with its
// runner run here rather than by App.Serve, so that a test can also kill it
// as a crash would.
type crashableApp struct {
	*App
	URL  string
	Stop func() // gentle, as SIGTERM: requests and batches in flight finish
	Kill func() // abrupt: workers' context cancelled, connections cut, nothing recorded
}

func startCrashableApp(tb testing.TB, dbURL, addr string, opts AppOptions, env ...string) *crashableApp {
	tb.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		tb.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	cfg, err := LoadConfig(append([]string{"REGISTRAR_DATABASE_URL=" + dbURL, "REGISTRAR_BASE_URL=" + base, "REGISTRAR_SIGNUP_RATE_LIMIT=0"}, env...))
	if err != nil {
		ln.Close()
		tb.Fatal(err)
	}
	app, err := NewApp(tb.Context(), cfg, testLogger(), workflows.ClockFunc(time.Now), opts)
	if err != nil {
		ln.Close()
		tb.Fatal(err)
	}
	hs := &http.Server{Handler: app.Handler, ReadHeaderTimeout: 10 * time.Second}
	ctx, cancel := context.WithCancel(context.WithoutCancel(tb.Context()))
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { app.Runner.Run(ctx) })
	wg.Go(func() {
		if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			tb.Errorf("serve: %v", err)
		}
	})
	go func() { wg.Wait(); close(done) }()
	var once sync.Once
	end := func(gentle bool) {
		once.Do(func() {
			if gentle {
				sctx, scancel := context.WithTimeout(context.Background(), 20*time.Second)
				defer scancel()
				_ = hs.Shutdown(sctx)
				if err := app.Runner.Shutdown(sctx); err != nil {
					tb.Errorf("runner shutdown: %v", err)
				}
			}
			cancel()
			hs.Close()
			// A dead process runs nothing more: wait for the workers to
			// notice their context before the database handle goes.
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				tb.Errorf("workers still running 30 s after their context was cancelled")
			}
			app.Close()
		})
	}
	tb.Cleanup(func() { end(true) })
	return &crashableApp{App: app, URL: base, Stop: func() { end(true) }, Kill: func() { end(false) }}
}

// testLogger discards the app's log unless REGISTRAR_TEST_LOG names a level
// (debug, info, warn, error), then writes it to stderr.
func testLogger() *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(os.Getenv("REGISTRAR_TEST_LOG"))); err != nil || os.Getenv("REGISTRAR_TEST_LOG") == "" {
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
}
