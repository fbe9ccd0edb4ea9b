package static_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"registrar/static"
)

func TestHashedFilesAreServedWithLongCache(t *testing.T) {
	f, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	p := f.Path("app.css")
	if !strings.HasPrefix(p, "/static/app.") || !strings.HasSuffix(p, ".css") {
		t.Fatalf("Path(app.css) = %q, want a hashed name", p)
	}
	tests := []struct {
		path   string
		status int
	}{
		{p, http.StatusOK},
		{"/static/app.css", http.StatusNotFound},
		{"/static/app.0000000000.css", http.StatusNotFound},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		f.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, tt.path, nil))
		if w.Code != tt.status {
			t.Errorf("GET %s = %d, want %d", tt.path, w.Code, tt.status)
		}
		if tt.status == http.StatusOK {
			if cc := w.Header().Get("Cache-Control"); !strings.Contains(cc, "immutable") {
				t.Errorf("Cache-Control = %q, want immutable", cc)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
				t.Errorf("Content-Type = %q", ct)
			}
		}
	}
}
