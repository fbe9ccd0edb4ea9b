package web_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"registrar/integrations/sqlstore/sqlstoretest"
)

func TestPublicPages(t *testing.T) {
	app := newTestApp(t, sqlstoretest.Open(t), 0)
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
}

func TestSecurityHeaders(t *testing.T) {
	app := newTestApp(t, sqlstoretest.Open(t), 0)
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
}

func TestHealthAndMetrics(t *testing.T) {
	db := sqlstoretest.Open(t)
	app := newTestApp(t, db, 0)
	app.post(t, "/events/spring/students", studentForm())
	if w := app.get(t, "/healthz"); w.Code != http.StatusOK {
		t.Fatalf("healthz = %d, want 200", w.Code)
	}
	w := app.get(t, "/metrics")
	body := w.Body.String()
	for _, want := range []string{`registrar_signups_total{outcome="accepted",role="student"} 1`, `registrar_http_request_duration_seconds_count{code="3xx",route="POST /events/{slug}/{role}"} 1`} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	db.Close()
	if w := app.get(t, "/healthz"); w.Code != http.StatusServiceUnavailable {
		t.Fatalf("healthz with the database closed = %d, want 503", w.Code)
	}
}

func TestDevMailboxOnlyForThisMachine(t *testing.T) {
	app := newTestApp(t, sqlstoretest.Open(t), 0)
	tests := []struct {
		remote string
		status int
	}{
		{"127.0.0.1:5555", http.StatusOK},
		{"[::1]:5555", http.StatusOK},
		{"192.0.2.1:5555", http.StatusForbidden},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(http.MethodGet, "/dev/mailbox", nil)
		r.RemoteAddr = tt.remote
		if w := app.do(t, r); w.Code != tt.status {
			t.Errorf("from %s: status %d, want %d", tt.remote, w.Code, tt.status)
		}
	}
}
