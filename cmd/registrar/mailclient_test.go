package main

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Sends in flight at once reuse their connections from one batch to the
// next instead of dialing the provider anew.
func TestMailClientKeepsAConnectionPerSendInFlight(t *testing.T) {
	var dials atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Millisecond) // the sends of a batch overlap
		_, _ = io.WriteString(w, `{"id":"<x@mg>","message":"Queued"}`)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			dials.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c := mailClient(&http.Client{Timeout: 5 * time.Second})
	const inFlight = mailWorkers * mailSends
	for range 3 {
		var wg sync.WaitGroup
		for range inFlight {
			wg.Go(func() {
				resp, err := c.Post(srv.URL, "text/plain", nil)
				if err != nil {
					t.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			})
		}
		wg.Wait()
	}
	if n := dials.Load(); n > inFlight {
		t.Errorf("%d connections for 3 rounds of %d sends, want at most %d", n, inFlight, inFlight)
	}
}
