package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// registrar runs the CLI with a database URL and returns stdout and the error.
func registrar(t *testing.T, dbURL string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(t.Context(), args, []string{"REGISTRAR_DATABASE_URL=" + dbURL, "REGISTRAR_BASE_URL=https://reg.example.org"}, &out, &errOut)
	return out.String(), err
}

func isUsage(err error) bool {
	_, ok := errors.AsType[usageError](err)
	return ok
}

// TestEventCreateWarnsWhenSignupClosed: an event whose last day is past is
// created (organizers may record a past cohort), with a warning that nobody
// can sign up; a future one gets no warning.
func TestEventCreateWarnsWhenSignupClosed(t *testing.T) {
	db := sqlstoretest.URL(t) // the warning, not the store, is under test: SQLite only
	for _, tt := range []struct {
		slug, starts, ends string
		warned             bool
	}{
		{"past", "2020-05-04", "2020-05-06", true},
		{"future", "2099-05-04", "2099-05-06", false},
	} {
		var out, errOut bytes.Buffer
		args := []string{"event", "create", "--slug", tt.slug, "--title", "T", "--starts", tt.starts, "--ends", tt.ends, "--student-capacity", "1"}
		if err := run(t.Context(), args, []string{"REGISTRAR_DATABASE_URL=" + db}, &out, &errOut); err != nil {
			t.Fatalf("%s: %v", tt.slug, err)
		}
		if warned := strings.Contains(errOut.String(), "warning: sign-up for "+tt.slug+" closed already"); warned != tt.warned {
			t.Errorf("%s: stderr %q, want a warning %v", tt.slug, errOut.String(), tt.warned)
		}
	}
}

func TestEventCreate(t *testing.T) {
	sqlstoretest.EachURL(t, func(t *testing.T, db string) {
		good := []string{"event", "create", "--slug", "upstream-2026", "--title", "Upstream Training", "--starts", "2026-12-07",
			"--ends", "2026-12-09", "--location", "Berlin", "--student-capacity", "30", "--mentor-capacity", "10", "--timezone", "Europe/Berlin"}
		out, err := registrar(t, db, good...)
		if err != nil || !strings.Contains(out, "https://reg.example.org/events/upstream-2026") {
			t.Fatalf("create: %v, output %q", err, out)
		}
		tests := []struct {
			name string
			args []string
			want string
		}{
			{"duplicate slug", good, `slug "upstream-2026" exists already`},
			{"bad date", []string{"event", "create", "--slug", "x", "--title", "T", "--starts", "2026-02-30", "--ends", "2026-03-01", "--student-capacity", "1"}, "--starts"},
			{"ends before starts", []string{"event", "create", "--slug", "y", "--title", "T", "--starts", "2026-03-02", "--ends", "2026-03-01", "--student-capacity", "1"}, "--ends"},
			{"no capacity", []string{"event", "create", "--slug", "z", "--title", "T", "--starts", "2026-03-02", "--ends", "2026-03-03"}, "--student-capacity"},
			{"bad timezone", []string{"event", "create", "--slug", "w", "--title", "T", "--starts", "2026-03-02", "--ends", "2026-03-03", "--student-capacity", "1", "--timezone", "Moon/Base"}, "--timezone"},
			{"bad slug", []string{"event", "create", "--slug", "Not A Slug", "--title", "T", "--starts", "2026-03-02", "--ends", "2026-03-03", "--student-capacity", "1"}, "--slug"},
			{"capacity not a number", []string{"event", "create", "--student-capacity", "many"}, "invalid value"},
			{"stray argument", []string{"event", "create", "--slug", "v", "Title"}, "unexpected argument"},
			{"bad contact", []string{"event", "create", "--slug", "u", "--title", "T", "--starts", "2026-03-02", "--ends", "2026-03-03", "--student-capacity", "1", "--contact-email", "not-an-address"}, "--contact-email"},
			{"code of conduct not https", []string{"event", "create", "--slug", "s", "--title", "T", "--starts", "2026-03-02", "--ends", "2026-03-03", "--student-capacity", "1", "--code-of-conduct", "http://example.org/coc"}, "--code-of-conduct"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := registrar(t, db, tt.args...)
				if !isUsage(err) || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("err = %v, want a usage error (exit 2) naming %q", err, tt.want)
				}
			})
		}
	})
}

func TestHelpOnEveryCommand(t *testing.T) {
	db := sqlstoretest.URL(t) // only --help and usage errors: no store under test, SQLite only
	for _, args := range [][]string{{"--help"}, {"serve", "--help"}, {"migrate", "--help"}, {"event", "create", "--help"}, {"admin", "add", "--help"}} {
		out, err := registrar(t, db, args...)
		if err != nil || !strings.Contains(out, "registrar") {
			t.Errorf("%v: err %v, output %q", args, err, out)
		}
	}
	if _, err := registrar(t, db, "frobnicate"); !isUsage(err) {
		t.Errorf("unknown command: err = %v, want a usage error", err)
	}
}

func TestAdminAddPrintsOneTimeLink(t *testing.T) {
	sqlstoretest.EachURL(t, func(t *testing.T, db string) {
		out, err := registrar(t, db, "admin", "add", "Organizer@Example.org")
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`https://reg\.example\.org/login/[a-z0-9]{40,}`).MatchString(out) {
			t.Fatalf("output has no login link: %q", out)
		}
		if _, err := registrar(t, db, "admin", "add", "not-an-address"); !isUsage(err) {
			t.Fatalf("bad address: err = %v, want a usage error", err)
		}
		if _, err := registrar(t, db, "admin", "add"); !isUsage(err) {
			t.Fatalf("no address: err = %v, want a usage error", err)
		}
		for _, args := range [][]string{{"--name", "Olga Ørsted", "olga@example.org"}, {"olga@example.org", "--name", "Olga Ørsted"}} {
			if out, err := registrar(t, db, append([]string{"admin", "add"}, args...)...); err != nil || !strings.Contains(out, "/login/") {
				t.Fatalf("admin add %q: %v, output %q", args, err, out)
			}
		}
		if _, err := registrar(t, db, "admin", "add", "eve@example.org", "--name", "Eve\u202e"); !isUsage(err) || !strings.Contains(err.Error(), "--name") {
			t.Fatalf("bad name: err = %v, want a usage error naming --name", err)
		}
		if _, err := registrar(t, db, "admin", "add", "eve@example.org", "stray"); !isUsage(err) {
			t.Fatalf("two addresses: err = %v, want a usage error", err)
		}
	})
}

// TestShutdownFinishesRequestsInFlight starts a sign-up whose body arrives
// slowly, shuts the server down half-way, and expects the sign-up to
// complete and be stored.
func TestShutdownFinishesRequestsInFlight(t *testing.T) {
	app := startApp(t, "")
	events := &workflows.Events{Store: app.DB, Clock: app.Clock}
	if _, err := events.Create(t.Context(), workflows.EventInput{Slug: "spring", Title: "Spring", StartsOn: "2030-05-04",
		EndsOn: "2030-05-05", StudentCapacity: 5, MentorCapacity: 1}); err != nil {
		t.Fatal(err)
	}
	body := url.Values{"name": {"Ada"}, "email": {"ada@example.org"}, "timezone": {"UTC"}}.Encode()
	conn, err := net.Dial("tcp", strings.TrimPrefix(app.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /events/spring/students HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s",
		strings.TrimPrefix(app.URL, "http://"), len(body), body[:5])
	waitForActiveRequest(t, app)
	stopped := make(chan struct{})
	go func() { app.Stop(); close(stopped) }()
	select {
	case <-stopped:
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		t.Fatalf("server stopped with a request in flight: %v %v", resp, err)
	case <-time.After(200 * time.Millisecond): // shutdown has begun and is waiting for us
	}
	fmt.Fprint(conn, body[5:])
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("read response: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("status = %d, want 303", resp.StatusCode)
	}
	<-stopped
	if n, _ := sqlstoretest.CountRows(t.Context(), app.DB, "registrations"); n != 1 {
		t.Fatalf("registrations = %d, want 1", n)
	}
}

// waitForActiveRequest polls the metrics until a sign-up request is being
// served, so the shutdown starts with it in flight.
func waitForActiveRequest(t *testing.T, app *runningApp) {
	t.Helper()
	eventually(t, "the sign-up request to become active", func() bool {
		resp, err := http.Get(app.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		// This scrape is one request in flight; the sign-up is the other.
		return strings.Contains(string(body), "\nregistrar_http_requests_in_flight 2\n")
	})
}
