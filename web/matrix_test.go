package web_test

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/web"
	"registrar/workflows"
)

// The people the matrix asks as, in the order of each row's statuses.
var personas = [...]string{"anonymous", "student", "mentor", "other mentor", "organizer"}

// matrixFixture is an app with one of each persona signed in: a student and
// a mentor in "spring", another mentor in "big" only, and an organizer.
type matrixFixture struct {
	app     *testApp
	clients [len(personas)]*client
	adaReg  string // the student's registration
	adaID   string // the student's person ID
	// In "big", the student is paired with the mentor (who mentors there too).
	pairingID string
	adaBigReg string
	mailKey   string // a queued email job
	// In "big" too: Bea accepted and waiting for a mentor; Linus has room.
	beaReg, linusReg string
	// Reminders and messages (matrix_reminders_test.go).
	ruleID, messageID, audience, unsubscribe string
	pendingReg                               string // the student's, awaiting confirmation (matrix_people_test.go)
}

func newMatrixFixture(t *testing.T, db *sqlstore.DB) *matrixFixture {
	t.Helper()
	// Every optional part on, so that every route exists.
	app := newTestApp(t, db, 0, func(s *web.Server) { s.Mailbox, s.Board, s.Mail = devMailbox{db}, refusingBoard{}, refusingMail{} })
	app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
	app.register(t, "spring", workflows.RoleMentor, "Grace Hopper", "grace@example.org")
	app.register(t, "big", workflows.RoleMentor, "Linus Torvalds", "linus@example.org")
	f := &matrixFixture{app: app}
	f.clients = [len(personas)]*client{app.client(), app.signIn(t, "ada@example.org"), app.signIn(t, "grace@example.org"),
		app.signIn(t, "linus@example.org"), app.signInOrganizer(t, "olga@example.org")}
	f.adaReg = app.registrationID(t, f.clients[4], "spring", "ada@example.org")
	f.adaID = app.personID(t, "ada@example.org")
	f.pairingID, f.adaBigReg = app.pairIn(t, "big", "ada@example.org", "grace@example.org")
	emails, err := sqlstoretest.EmailsTo(t.Context(), db, "ada@example.org")
	if err != nil || len(emails) == 0 {
		t.Fatalf("emails to ada: %v", err)
	}
	f.mailKey = emails[0].ID
	f.waitInBig(t)
	if err := db.PutDevMessage(t.Context(), workflows.Message{ID: "dev1", To: "ada@example.org", Subject: "Hi",
		HTML: "<p>Hi</p>", Text: "Hi"}, app.clock.Now()); err != nil {
		t.Fatal(err)
	}
	f.withMessages(t, db)
	return f
}

// waitInBig accepts a student of "big" who has no mentor yet, for the
// pairing route to pair with Linus.
func (f *matrixFixture) waitInBig(t *testing.T) {
	t.Helper()
	org := f.clients[4]
	f.app.register(t, "big", workflows.RoleStudent, "Bea Student", "bea@example.org")
	f.beaReg = f.app.registrationID(t, org, "big", "bea@example.org")
	f.linusReg = f.app.registrationID(t, org, "big", "linus@example.org")
	if w := org.post(t, "/admin/registrations/"+f.beaReg+"/accept", nil); w.Code != http.StatusSeeOther {
		t.Fatalf("accept Bea: status %d", w.Code)
	}
}

// request is what one row of the matrix sends, built from the fixture.
type request func(f *matrixFixture) (method, path string, form url.Values)

func get(path string) request {
	return func(*matrixFixture) (string, string, url.Values) { return http.MethodGet, path, nil }
}

func head(path string) request {
	return func(*matrixFixture) (string, string, url.Values) { return http.MethodHead, path, nil }
}

func post(path string, form url.Values) request {
	return func(*matrixFixture) (string, string, url.Values) { return http.MethodPost, path, form }
}

const (
	ok       = http.StatusOK
	see      = http.StatusSeeOther
	refused  = http.StatusForbidden
	notFound = http.StatusNotFound
)

// Statuses per persona: anonymous, student, mentor, other mentor, organizer.
var (
	everyone      = [len(personas)]int{ok, ok, ok, ok, ok}
	adminPage     = [len(personas)]int{see, refused, refused, refused, ok}
	adminAction   = [len(personas)]int{see, refused, refused, refused, see}
	redirectAll   = [len(personas)]int{see, see, see, see, see}
	notFoundByAll = [len(personas)]int{notFound, notFound, notFound, notFound, notFound}
	unsigned      = [len(personas)]int{401, 401, 401, 401, 401}                     // webhooks: a session is no signature
	fromAfar      = [len(personas)]int{refused, refused, refused, refused, refused} // the dev mailbox: this machine only
	scrapersOnly  = notFoundByAll                                                   // /metrics: this machine and REGISTRAR_METRICS_ALLOW
)

// authorizationMatrix says, for every route of the app, what each persona
// gets. A route missing here fails TestAuthorizationMatrix.
func authorizationMatrix() map[string]struct {
	req  request
	want [len(personas)]int
} {
	type row = struct {
		req  request
		want [len(personas)]int
	}
	reason := url.Values{"reason": {"Asked to leave"}}
	event := url.Values{"title": {"Autumn"}, "slug": {"autumn"}, "location": {"Online"}, "timezone": {"UTC"},
		"starts": {"2026-10-01"}, "ends": {"2026-10-02"}, "student_capacity": {"5"}, "mentor_capacity": {"1"}}
	rows := map[string]row{
		"GET /{$}":                       {get("/"), everyone},
		"GET /events/{slug}":             {get("/events/spring"), everyone},
		"POST /events/{slug}/{role}":     {post("/events/big/students", studentForm(set("email", "new@example.org"))), redirectAll},
		"GET /events/{slug}/check-email": {get("/events/spring/check-email"), everyone},
		"GET /confirm/{token}":           {get("/confirm/nonsense"), notFoundByAll},
		"POST /confirm/{token}":          {post("/confirm/nonsense", nil), notFoundByAll},
		"GET /login":                     {get("/login"), everyone},
		"POST /login":                    {post("/login", url.Values{"email": {"someone@example.org"}}), redirectAll},
		"GET /login/check-email":         {get("/login/check-email"), everyone},
		"GET /login/{token}":             {get("/login/nonsense"), notFoundByAll},
		"POST /login/{token}":            {post("/login/nonsense", nil), notFoundByAll},
		"POST /logout":                   {post("/logout", nil), redirectAll},
		"POST /logout/others":            {post("/logout/others", nil), redirectAll},

		"GET /account":  {get("/account"), [...]int{see, ok, ok, ok, ok}},
		"POST /account": {post("/account", url.Values{"name": {"A. Person"}}), [...]int{see, see, see, see, see}},
		"GET /me":       {get("/me"), [...]int{see, ok, refused, refused, refused}},
		"POST /me/registrations/{id}/withdraw": {func(f *matrixFixture) (string, string, url.Values) {
			return http.MethodPost, "/me/registrations/" + f.adaReg + "/withdraw", nil
		}, [...]int{see, see, refused, refused, refused}},
		"GET /mentor":               {get("/mentor"), [...]int{see, refused, ok, ok, refused}},
		"GET /mentor/events/{slug}": {get("/mentor/events/spring"), [...]int{see, refused, ok, notFound, refused}},
		"POST /me/registrations/{id}/steps/{key}": {func(f *matrixFixture) (string, string, url.Values) {
			return http.MethodPost, "/me/registrations/" + f.adaBigReg + "/steps/git-review", url.Values{"done": {"1"}}
		}, [...]int{see, see, refused, refused, refused}},
		"GET /mentor/pairings/{id}": {pairingRequest(http.MethodGet, "", nil), [...]int{see, refused, ok, notFound, ok}},
		"POST /mentor/pairings/{id}/steps/{key}": {pairingRequest(http.MethodPost, "/steps/git-review", url.Values{"done": {"1"}}),
			[...]int{see, refused, see, notFound, see}},
		"POST /mentor/pairings/{id}/check-ins": {pairingRequest(http.MethodPost, "/check-ins", url.Values{"met": {"yes"}, "state": {"on_track"}}),
			[...]int{see, refused, see, notFound, see}},

		"GET /admin":                                 {get("/admin"), adminPage},
		"GET /admin/events/new":                      {get("/admin/events/new"), adminPage},
		"POST /admin/events":                         {post("/admin/events", event), adminAction},
		"GET /admin/events/{slug}":                   {get("/admin/events/spring"), adminPage},
		"GET /admin/events/{slug}/edit":              {get("/admin/events/spring/edit"), adminPage},
		"POST /admin/events/{slug}":                  {post("/admin/events/spring", event), adminAction},
		"POST /admin/events/{slug}/close":            {post("/admin/events/spring/close", nil), adminAction},
		"POST /admin/events/{slug}/open":             {post("/admin/events/spring/open", nil), adminAction},
		"GET /admin/events/{slug}/registrations.csv": {get("/admin/events/spring/registrations.csv"), adminPage},
		"GET /admin/events/{slug}/steps":             {get("/admin/events/spring/steps"), adminPage},
		"POST /admin/events/{slug}/registrations/bulk": {func(f *matrixFixture) (string, string, url.Values) {
			return http.MethodPost, "/admin/events/spring/registrations/bulk", url.Values{"action": {"waitlist"}, "registration": {f.adaReg}}
		}, adminAction},
		"POST /admin/events/{slug}/steps": {post("/admin/events/spring/steps", url.Values{"action": {"add"}, "new_key": {"blog-post"},
			"new_title": {"Write a blog post"}}), adminAction},
		"POST /admin/registrations/{id}/accept":   {adaPost("/accept", nil), adminAction},
		"POST /admin/registrations/{id}/waitlist": {adaPost("/waitlist", nil), adminAction},
		"POST /admin/registrations/{id}/withdraw": {adaPost("/withdraw", reason), adminAction},
		"GET /admin/events/{slug}/pairings":       {get("/admin/events/big/pairings"), adminPage},
		"POST /admin/events/{slug}/pairings":      {post("/admin/events/big/pairings", nil), adminAction},
		"POST /admin/pairings": {func(f *matrixFixture) (string, string, url.Values) {
			return http.MethodPost, "/admin/pairings", url.Values{"student": {f.beaReg}, "mentor": {f.linusReg}}
		}, adminAction},
		"POST /admin/pairings/{id}/end": {func(f *matrixFixture) (string, string, url.Values) {
			return http.MethodPost, "/admin/pairings/" + f.pairingID + "/end", reason
		}, adminAction},
		"GET /admin/events/{slug}/progress":   {get("/admin/events/big/progress"), adminPage},
		"GET /admin/people/{id}":              {adaPerson("", http.MethodGet, nil), adminPage},
		"GET /admin/people/{id}/export.json":  {adaPerson("/export.json", http.MethodGet, nil), adminPage},
		"POST /admin/people/{id}/erase":       {adaPerson("/erase", http.MethodPost, url.Values{"confirm": {"ada@example.org"}}), adminAction},
		"POST /admin/jobs/{kind}/{key}/retry": {retryMail, adminAction},
		"GET /admin/audit":                    {get("/admin/audit"), adminPage},
		"GET /dev/mailbox":                    {get("/dev/mailbox"), fromAfar},
		"GET /dev/mailbox/{id}":               {get("/dev/mailbox/dev1"), fromAfar},
		"GET /dev/mailbox/{id}/html":          {get("/dev/mailbox/dev1/html"), fromAfar},
		"HEAD /webhooks/trello":               {head("/webhooks/trello"), everyone},
		"POST /webhooks/trello":               {post("/webhooks/trello", nil), unsigned},
		"POST /webhooks/mailgun":              {post("/webhooks/mailgun", nil), unsigned},
		"GET /healthz":                        {get("/healthz"), everyone},
		"GET /metrics":                        {get("/metrics"), scrapersOnly},
		"GET /static/":                        {staticCSS, everyone},
		"/":                                   {get("/no/such/page"), notFoundByAll},
	}
	maps.Copy(rows, reminderRows())
	maps.Copy(rows, peopleRows())
	return rows
}

func pairingRequest(method, suffix string, form url.Values) request {
	return func(f *matrixFixture) (string, string, url.Values) {
		return method, "/mentor/pairings/" + f.pairingID + suffix, form
	}
}

func adaPost(action string, form url.Values) request {
	return func(f *matrixFixture) (string, string, url.Values) {
		return http.MethodPost, "/admin/registrations/" + f.adaReg + action, form
	}
}

func adaPerson(suffix, method string, form url.Values) request {
	return func(f *matrixFixture) (string, string, url.Values) {
		return method, "/admin/people/" + f.adaID + suffix, form
	}
}

func retryMail(f *matrixFixture) (string, string, url.Values) {
	return http.MethodPost, "/admin/jobs/" + string(workflows.JobSendEmail) + "/" + f.mailKey + "/retry", nil
}

func staticCSS(f *matrixFixture) (string, string, url.Values) {
	return http.MethodGet, f.app.srv.Assets.Path("app.css"), nil
}

// TestAuthorizationMatrix requests every route of the app as each persona
// and checks the status. Every route needs a row: adding a route without
// one fails here.
func TestAuthorizationMatrix(t *testing.T) {
	matrix := authorizationMatrix()
	patterns := newMatrixFixture(t, sqlstoretest.Open(t)).app.srv.RoutePatterns() // the route list: SQLite only
	for _, p := range patterns {
		if _, ok := matrix[p]; !ok {
			t.Errorf("route %q is not in the authorization matrix: add a row saying what each persona gets", p)
		}
	}
	for p := range matrix {
		if !slices.Contains(patterns, p) {
			t.Errorf("the matrix has a row for %q, which is not a route", p)
		}
	}
	for _, pattern := range patterns {
		row, ok := matrix[pattern]
		if !ok {
			continue
		}
		t.Run(pattern, func(t *testing.T) {
			t.Parallel()
			sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
				f := newMatrixFixture(t, db) // each route starts from the same state
				for i, c := range f.clients {
					method, path, form := row.req(f)
					r := newRequest(method, path, strings.NewReader(form.Encode()))
					if method == http.MethodPost {
						r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					}
					w := c.do(t, r)
					if w.Code != row.want[i] {
						t.Errorf("%s %s as %s: status %d, want %d", method, path, personas[i], w.Code, row.want[i])
					}
					private := slices.ContainsFunc([]string{"/admin", "/me", "/mentor"}, func(area string) bool {
						return path == area || strings.HasPrefix(path, area+"/")
					})
					if i == 0 && private && !strings.HasPrefix(w.Header().Get("Location"), "/login") {
						t.Errorf("%s %s as anonymous: to %q, want the sign-in page", method, path, w.Header().Get("Location"))
					}
				}
			})
		})
	}
}
