package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/prometheus/client_golang/prometheus"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/static"
	"registrar/web"
	"registrar/web/emails"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

type testApp struct {
	db    *sqlstore.DB
	clock *workflowstest.Clock
	h     http.Handler
	srv   *web.Server
}

// newTestApp serves the real handlers over a real database, with the given
// rate limit (0 = off). Options adjust the server before it starts.
func newTestApp(t testing.TB, db *sqlstore.DB, rateLimit int, opts ...func(*web.Server)) *testApp {
	t.Helper()
	clock := workflowstest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	events := &workflows.Events{Store: db, Clock: clock}
	for _, e := range []workflows.EventInput{
		{Slug: "spring", Title: "Upstream Spring", Location: "Berlin", Timezone: "Europe/Berlin", StartsOn: "2026-05-04", EndsOn: "2026-05-06", StudentCapacity: 1, MentorCapacity: 1},
		{Slug: "big", Title: "Upstream Big", Location: "Online", Timezone: "UTC", StartsOn: "2026-06-01", EndsOn: "2026-06-02", StudentCapacity: 10000, MentorCapacity: 100},
		{Slug: "past", Title: "Upstream Past", Location: "Paris", Timezone: "UTC", StartsOn: "2026-01-04", EndsOn: "2026-01-05", StudentCapacity: 5, MentorCapacity: 1},
	} {
		if _, err := events.Create(t.Context(), e); err != nil {
			t.Fatal(err)
		}
	}
	return startTestApp(t, db, clock, rateLimit, opts...)
}

// startTestApp builds a server over a database that holds data already, as
// a restart does.
func startTestApp(t testing.TB, db *sqlstore.DB, clock *workflowstest.Clock, rateLimit int, opts ...func(*web.Server)) *testApp {
	t.Helper()
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	srv := &web.Server{
		Config:   web.Config{BaseURL: "http://registrar.test", SignupRateLimit: rateLimit, LoginRateLimit: rateLimit},
		Log:      slog.New(slog.NewTextHandler(io.Discard, nil)),
		DB:       db,
		Assets:   assets,
		Registry: prometheus.NewRegistry(),
		Mailbox:  devMailbox{db},
		// scs dates sessions by the wall clock, so the store judges expiry by it too.
		Sessions: web.NewSessions(db.Sessions(workflows.ClockFunc(time.Now)), "http://registrar.test"),
	}
	srv.UseServices(workflows.NewServices(testDeps(db, clock)))
	for _, o := range opts {
		o(srv)
	}
	return &testApp{db: db, clock: clock, h: srv.Handler(), srv: srv}
}

// withMirrors makes status changes enqueue these sync jobs, as enabled
// integrations do.
func withMirrors(kinds ...workflows.JobKind) func(*web.Server) {
	return func(s *web.Server) {
		su := s.Signups.(*workflows.Signups)
		s.UseServices(workflows.NewServices(workflows.Deps{Store: su.Store, Clock: su.Clock, Emails: su.Emails,
			Links: su.Links, Mirrors: kinds}))
	}
}

// testHost is the host of the test app's base URL; requests go to it, as a
// browser's do.
const testHost = "registrar.test"

// newRequest is httptest.NewRequest addressed to the test app's host.
func newRequest(method, path string, body io.Reader) *http.Request {
	return httptest.NewRequest(method, "http://"+testHost+path, body)
}

// testDeps are the services' dependencies the web tests use.
func testDeps(db *sqlstore.DB, clock *workflowstest.Clock) workflows.Deps {
	return workflows.Deps{Store: db, Clock: clock, Emails: testEmails(), Links: workflowstest.Links{}}
}

// testEmails renders the test app's emails.
func testEmails() *emails.Renderer { return emails.New("http://registrar.test") }

func (a *testApp) do(t testing.TB, r *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	a.h.ServeHTTP(w, r)
	return w
}

func (a *testApp) post(t testing.TB, path string, form url.Values, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := newRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	return a.do(t, r)
}

func (a *testApp) get(t testing.TB, path string) *httptest.ResponseRecorder {
	t.Helper()
	return a.do(t, newRequest(http.MethodGet, path, nil))
}

func (a *testApp) count(t testing.TB, table string) int {
	t.Helper()
	n, err := sqlstoretest.CountRows(t.Context(), a.db, table)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func studentForm(mod ...func(url.Values)) url.Values {
	f := url.Values{"name": {"Ada Lovelace"}, "email": {"ada@example.org"}, "company": {"Engines"}, "irc": {"ada"},
		"timezone": {"Europe/London"}, "project": {"nova"}, "experience": {"some git"}, "goals": {"first patch"}}
	for _, m := range mod {
		m(f)
	}
	return f
}

func mentorForm(mod ...func(url.Values)) url.Values {
	f := url.Values{"name": {"Grace Hopper"}, "email": {"grace@example.org"}, "timezone": {"UTC"}, "projects": {"nova"}, "max_mentees": {"3"}}
	for _, m := range mod {
		m(f)
	}
	return f
}

func set(k, v string) func(url.Values) { return func(f url.Values) { f.Set(k, v) } }

func doc(t testing.TB, w *httptest.ResponseRecorder) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

var tokenInLink = regexp.MustCompile(`/confirm/([a-z0-9]+)`)

// confirmPath returns the path of a usable confirmation link emailed to
// addr, else of any.
func (a *testApp) confirmPath(t testing.TB, addr string) string {
	t.Helper()
	emails, err := sqlstoretest.EmailsTo(t.Context(), a.db, addr)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range emails {
		if m := tokenInLink.FindStringSubmatch(e.Text); e.Kind == workflows.EmailConfirmSignup && m != nil {
			paths = append(paths, "/confirm/"+m[1])
		}
	}
	for _, p := range paths { // a usable one first: a GET changes nothing
		if a.get(t, p).Code == http.StatusOK {
			return p
		}
	}
	if len(paths) > 0 {
		return paths[0]
	}
	t.Fatalf("no confirmation email to %s", addr)
	return ""
}

// TestHandlerTwice builds two handlers from one server: neither panics (the
// metrics are registered once per registry) and the server is left as it was.
func TestHandlerTwice(t *testing.T) {
	a := newTestApp(t, sqlstoretest.Open(t), 0) // the server's wiring, not the store, is under test: SQLite only
	before := *a.srv
	second := a.srv.Handler()
	if a.srv.Log != before.Log || a.srv.Sessions != before.Sessions {
		t.Fatal("Handler changed the server")
	}
	for _, h := range []http.Handler{a.h, second} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, newRequest(http.MethodGet, "/", nil))
		if w.Code != http.StatusOK {
			t.Fatalf("GET / = %d", w.Code)
		}
	}
}
