package web_test

import (
	"context"
	"database/sql/driver"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/web"
	"registrar/workflows"
)

func TestPublicPages(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		tests := []struct {
			path   string
			status int
			testid string
		}{
			{"/", http.StatusOK, "event-card"},
			{"/events/spring", http.StatusOK, "student-form"},
			{"/events/spring", http.StatusOK, "mentor-form"},
			{"/events/nope", http.StatusNotFound, "message"},
			{"/no/such/page", http.StatusNotFound, "message"},
		}
		for _, tt := range tests {
			w := app.get(t, tt.path)
			if w.Code != tt.status {
				t.Errorf("GET %s: status %d, want %d", tt.path, w.Code, tt.status)
				continue
			}
			if doc(t, w).Find(`[data-testid="`+tt.testid+`"]`).Length() == 0 {
				t.Errorf("GET %s: no %s", tt.path, tt.testid)
			}
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		w := app.get(t, "/events/spring")
		csp := w.Header().Get("Content-Security-Policy")
		for _, want := range []string{"frame-ancestors 'none'", "script-src 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("CSP %q lacks %q", csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") {
			t.Errorf("CSP allows inline code: %q", csp)
		}
		for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"} {
			if got := w.Header().Get(h); got != want {
				t.Errorf("%s = %q, want %q", h, got, want)
			}
		}
	})
}

func TestHealthAndMetrics(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		var logs strings.Builder
		app := newTestApp(t, db, 0, func(s *web.Server) { s.Log = slog.New(slog.NewTextHandler(&logs, nil)) })
		app.post(t, "/events/spring/students", studentForm())
		w := app.get(t, "/healthz")
		if w.Code != http.StatusOK {
			t.Fatalf("healthz = %d, want 200", w.Code)
		}
		r := newRequest(http.MethodGet, "/metrics", nil)
		r.RemoteAddr = "127.0.0.1:9090" // a scraper on this machine
		w = app.do(t, r)
		body := w.Body.String()
		for _, want := range []string{`registrar_signups_total{outcome="accepted",role="student"} 1`, `registrar_http_request_duration_seconds_count{code="3xx",route="POST /events/{slug}/{role}"} 1`} {
			if !strings.Contains(body, want) {
				t.Errorf("metrics lack %s", want)
			}
		}
		db.Close()
		w = app.get(t, "/healthz")
		if w.Code != http.StatusServiceUnavailable {
			t.Fatalf("healthz with the database closed = %d, want 503", w.Code)
		}
		// The warning carries the request's ID, as its response header does.
		if id := w.Header().Get("X-Request-Id"); id == "" || !strings.Contains(logs.String(), "request_id="+id) {
			t.Errorf("log %q lacks request_id=%s", logs.String(), id)
		}
	})
}

// TestAbandonedRequestIsNotAnError: a sign-up whose client went away before
// the answer is logged as abandoned, not as a server error, whatever the
// store made of the cancelled query; the same failure for a client still
// waiting is an error.
func TestAbandonedRequestIsNotAnError(t *testing.T) {
	badConn := fmt.Errorf("event spring: %w", driver.ErrBadConn)
	tests := []struct {
		name      string
		storeErr  error // nil: the real store, which sees the cancelled context
		abandoned bool
		wantLog   string
	}{
		{"cancelled query", nil, true, "request abandoned by the client"},
		{"connection closed under the cancelled query", badConn, true, "request abandoned by the client"},
		{"connection failed, client waiting", badConn, false, "level=ERROR msg=\"request failed\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
				var logs strings.Builder
				app := newTestApp(t, db, 0, func(s *web.Server) {
					s.Log = slog.New(slog.NewTextHandler(&logs, nil))
					if tt.storeErr != nil {
						s.Signups = failingSignups{s.Signups, tt.storeErr}
					}
				})
				ctx, cancel := context.WithCancel(t.Context())
				defer cancel()
				if tt.abandoned {
					cancel()
				}
				r := newRequest(http.MethodPost, "/events/spring/students", strings.NewReader(studentForm().Encode())).WithContext(ctx)
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				app.do(t, r)
				got := logs.String()
				if !strings.Contains(got, tt.wantLog) || (tt.abandoned && strings.Contains(got, "level=ERROR")) {
					t.Errorf("log = %q, want %q", got, tt.wantLog)
				}
			})
		})
	}
}

// failingSignups fails every sign-up with err, as a store whose connection
// broke would.
type failingSignups struct {
	web.SignupService
	err error
}

func (f failingSignups) SignUp(context.Context, workflows.SignupInput) (workflows.SignupOutcome, error) {
	return workflows.SignupOutcome{}, f.err
}
