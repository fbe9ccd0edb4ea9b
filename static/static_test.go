package static_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"registrar/static"
)

func TestPathIsHashed(t *testing.T) {
	f, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	hashed := regexp.MustCompile(`^/static/app\.[0-9a-f]{10}\.css$`)
	if p := f.Path("app.css"); !hashed.MatchString(p) {
		t.Errorf("Path(app.css) = %q, want /static/app.<hash>.css", p)
	}
	if p := f.Path("nope.css"); p != "" {
		t.Errorf("Path(nope.css) = %q, want empty", p)
	}
	again, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	if f.Path("app.css") != again.Path("app.css") {
		t.Error("the same content hashed to two names")
	}
}

func TestHandler(t *testing.T) {
	f, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	css, svg := f.Path("app.css"), f.Path("favicon.svg")
	stale := "/static/app.0000000000.css" // a name the stylesheet had before it changed
	tests := []struct {
		name, method, path, ifNoneMatch string
		status                          int
		contentType                     string
	}{
		{"stylesheet", http.MethodGet, css, "", http.StatusOK, "text/css; charset=utf-8"},
		{"icon", http.MethodGet, svg, "", http.StatusOK, "image/svg+xml"},
		{"head", http.MethodHead, css, "", http.StatusOK, "text/css; charset=utf-8"},
		{"revalidation", http.MethodGet, css, "*", http.StatusNotModified, ""},
		{"unhashed name", http.MethodGet, "/static/app.css", "", http.StatusNotFound, ""},
		{"stale hash", http.MethodGet, stale, "", http.StatusNotFound, ""},
		{"directory", http.MethodGet, "/static/", "", http.StatusNotFound, ""},
		{"traversal", http.MethodGet, "/static/../static.go", "", http.StatusNotFound, ""},
		{"source file", http.MethodGet, "/static/static.go", "", http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, "/", nil)
			r.URL.Path = tt.path // as given, not cleaned: the handler must cope
			if tt.ifNoneMatch != "" {
				r.Header.Set("If-None-Match", tt.ifNoneMatch)
			}
			w := httptest.NewRecorder()
			f.Handler().ServeHTTP(w, r)
			if w.Code != tt.status {
				t.Fatalf("%s %s = %d, want %d", tt.method, tt.path, w.Code, tt.status)
			}
			if tt.status != http.StatusOK {
				return
			}
			if cc := w.Header().Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
				t.Errorf("Cache-Control = %q", cc)
			}
			if ct := w.Header().Get("Content-Type"); ct != tt.contentType {
				t.Errorf("Content-Type = %q, want %q", ct, tt.contentType)
			}
			if w.Header().Get("ETag") == "" {
				t.Error("no ETag")
			}
			if tt.method == http.MethodGet && w.Body.Len() == 0 {
				t.Error("empty body")
			}
		})
	}
}

// Every stylesheet rule the views rely on is in app.css: a renamed class
// would silently leave pages unstyled.
func TestStylesheetHasComponents(t *testing.T) {
	f, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	f.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, f.Path("app.css"), nil))
	css := w.Body.String()
	for _, sel := range []string{
		":focus-visible", ".skip-link", ".visually-hidden", ".hp", ".site-header", ".site-footer", ".flash",
		".field.has-error", ".field-error", ".error-summary", ".button", ".card", ".table th", ".notice",
		".badge-pending", ".badge-confirmed", ".badge-accepted", ".badge-waitlisted", ".badge-active",
		".badge-completed", ".badge-withdrawn", "@media (max-width: 40rem)",
	} {
		if !strings.Contains(css, sel) {
			t.Errorf("app.css has no %s", sel)
		}
	}
	if strings.Contains(css, "@import") || strings.Contains(css, "url(http") {
		t.Error("app.css loads something from the network")
	}
}
