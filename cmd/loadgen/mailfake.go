package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
)

const mailDomain = "mg.bench.example"

// mailFake accepts every message the way Mailgun does, so the server's mail
// workers send for real (over HTTP) and mark the emails sent.
type mailFake struct {
	*httptest.Server
	n atomic.Int64
}

func newMailFake() *mailFake {
	f := &mailFake{}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	return f
}

func (f *mailFake) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/messages"):
		_ = r.ParseMultipartForm(1 << 20)
		id := fmt.Sprintf("<bench.%d@%s>", f.n.Add(1), mailDomain)
		_ = json.NewEncoder(w).Encode(map[string]string{"id": id, "message": "Queued. Thank you."})
	case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/events"):
		_ = json.NewEncoder(w).Encode(map[string]any{"items": []any{}, "paging": map[string]string{}})
	default:
		http.NotFound(w, r)
	}
}
