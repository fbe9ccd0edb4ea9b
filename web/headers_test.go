package web_test

import (
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/web"
	"registrar/workflows"
)

// TestSignedInPagesAreNotStored: no cache keeps a page shown to a signed-in
// person, nor a personal download.
func TestSignedInPagesAreNotStored(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		app.register(t, "spring", workflows.RoleMentor, "Grace Hopper", "grace@example.org")
		ada, grace, org := app.signIn(t, "ada@example.org"), app.signIn(t, "grace@example.org"), app.signInOrganizer(t, "olga@example.org")
		adaID := app.personID(t, "ada@example.org")
		pages := []struct {
			who  *client
			path string
		}{
			{ada, "/me"}, {ada, "/"}, {ada, "/events/spring"}, {ada, "/login"},
			{grace, "/mentor"}, {grace, "/mentor/events/spring"},
			{org, "/admin"}, {org, "/admin/events/spring"}, {org, "/admin/events/spring/edit"}, {org, "/admin/audit"},
			{org, "/admin/people/" + adaID}, {org, "/admin/people/" + adaID + "/export.json"},
			{org, "/admin/events/spring/registrations.csv"}, {org, "/no/such/page"},
		}
		for _, p := range pages {
			w := p.who.get(t, p.path)
			if got := w.Header().Get("Cache-Control"); !strings.Contains(got, "no-store") {
				t.Errorf("GET %s signed in: status %d, Cache-Control %q, want no-store", p.path, w.Code, got)
			}
		}
		if w := app.get(t, "/login/nonsense"); !strings.Contains(w.Header().Get("Cache-Control"), "no-store") {
			t.Errorf("sign-in link page: Cache-Control %q, want no-store", w.Header().Get("Cache-Control"))
		}
	})
}

// TestHTTPSDeployment: with an https base URL, browsers are told to keep to
// https, and the session cookie takes the __Host- prefix (Secure, Path=/,
// no Domain), so a sibling subdomain cannot plant one.
func TestHTTPSDeployment(t *testing.T) {
	db := sqlstoretest.Open(t) // the https headers and cookie, not the store: SQLite only
	app := newTestApp(t, db, 0, func(s *web.Server) {
		s.Config.BaseURL = "https://registrar.test"
		s.Sessions = web.NewSessions(db.Sessions(workflows.ClockFunc(time.Now)), "https://registrar.test")
	})
	w := app.get(t, "/")
	if got := w.Header().Get("Strict-Transport-Security"); !strings.HasPrefix(got, "max-age=") {
		t.Errorf("Strict-Transport-Security = %q, want max-age=…", got)
	}
	org := app.signInOrganizer(t, "olga@example.org")
	var session *http.Cookie
	for _, c := range org.jar {
		session = c
	}
	if session == nil || !strings.HasPrefix(session.Name, "__Host-") || !session.Secure || session.Path != "/" || session.Domain != "" {
		t.Fatalf("session cookie %+v, want __Host- prefixed, Secure, Path=/, no Domain", session)
	}
	if w := org.get(t, "/admin"); w.Code != http.StatusOK {
		t.Fatalf("GET /admin with the __Host- cookie: status %d", w.Code)
	}

	plain := newTestApp(t, sqlstoretest.Open(t), 0) // headers, not the store: SQLite only
	if got := plain.get(t, "/").Header().Get("Strict-Transport-Security"); got != "" {
		t.Errorf("http base URL: Strict-Transport-Security = %q, want none", got)
	}
}

// TestServerErrorLogsRouteNotPath: a link route's path holds a live token,
// so a failure logs the route pattern instead.
func TestServerErrorLogsRouteNotPath(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		var logs strings.Builder
		app := newTestApp(t, db, 0, func(s *web.Server) { s.Log = slog.New(slog.NewTextHandler(&logs, nil)) })
		db.Close()
		for _, path := range []string{"/login/livetoken1234", "/confirm/livetoken5678"} {
			if w := app.get(t, path); w.Code < 500 {
				t.Fatalf("GET %s with the database closed: status %d, want 5xx", path, w.Code)
			}
		}
		out := logs.String()
		if strings.Contains(out, "livetoken") {
			t.Errorf("the log holds a token from the path:\n%s", out)
		}
		for _, want := range []string{`route="GET /login/{token}"`, `route="GET /confirm/{token}"`} {
			if !strings.Contains(out, want) {
				t.Errorf("the log lacks %s:\n%s", want, out)
			}
		}
	})
}
