// Package fakeapi is the plumbing the in-process fakes of the vendor APIs
// (sheetstest, trellotest, mailguntest) share: an httptest server that stops
// when the test ends, faults scripted or at random around each request, and
// request counts per operation. Each fake keeps its own state and words its
// answers as its vendor does.
package fakeapi

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Server is embedded by a fake. Its methods are safe for concurrent use.
type Server struct {
	URL string // the fake's root URL

	srv    *httptest.Server
	stop   chan struct{}
	faults *Injector
	fail   func(w http.ResponseWriter, status int)

	mu    sync.Mutex
	calls map[string]int
}

// Seed seeds the random faults (default 1), so a failing run repeats; call
// it before Start.
func (s *Server) Seed(seed uint64) { s.faults = NewInjector(seed) }

// Start serves h until the test ends. fail writes the vendor's own answer
// for an injected failure: 503 and 429 (Retry-After is set already) before
// a request is applied, 500 after.
func (s *Server) Start(t testing.TB, h http.Handler, fail func(w http.ResponseWriter, status int)) {
	t.Helper()
	if s.faults == nil {
		s.faults = NewInjector(1)
	}
	s.stop, s.fail, s.calls = make(chan struct{}), fail, map[string]int{}
	s.srv = httptest.NewServer(h)
	s.URL = s.srv.URL
	t.Cleanup(func() {
		close(s.stop)
		s.srv.Close()
	})
}

// Client returns an HTTP client for the fake with a 5 s timeout.
func (s *Server) Client() *http.Client {
	return &http.Client{Transport: s.srv.Client().Transport, Timeout: 5 * time.Second}
}

// Script queues faults; each hits the next request matching its Op.
func (s *Server) Script(faults ...Fault) { s.faults.Script(faults...) }

// SetRandomFaults makes each request fail with probability p, with a kind
// chosen among kinds; p = 0 turns random faults off.
func (s *Server) SetRandomFaults(p float64, kinds ...Kind) { s.faults.Random(p, kinds...) }

// PendingFaults is the number of scripted faults not yet used.
func (s *Server) PendingFaults() int { return s.faults.Pending() }

// Calls counts requests that reached the fake for op, faults included.
func (s *Server) Calls(op string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[op]
}

// Handle counts a request for op and applies it with the next fault for op
// around it: Fail5xx and RateLimit answer before apply runs; Slow applies,
// then answers only when the client gives up; FailAfterCommit applies, then
// answers 500. Otherwise apply's answer is written. apply takes the fake's
// own lock for its state.
func (s *Server) Handle(w http.ResponseWriter, r *http.Request, op string, apply func() (answer func(http.ResponseWriter))) {
	s.mu.Lock()
	s.calls[op]++
	s.mu.Unlock()
	f, faulty := s.faults.Next(op)
	switch {
	case faulty && f.Kind == Fail5xx:
		s.fail(w, http.StatusServiceUnavailable)
		return
	case faulty && f.Kind == RateLimit:
		w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfterSeconds()))
		s.fail(w, http.StatusTooManyRequests)
		return
	}
	answer := apply()
	switch {
	case faulty && f.Kind == Slow:
		select { // until the client gives up or the fake stops
		case <-r.Context().Done():
		case <-s.stop:
		}
	case faulty && f.Kind == FailAfterCommit:
		s.fail(w, http.StatusInternalServerError)
	default:
		answer(w)
	}
}

// Find returns the first item that matches, or nil: a fake's look-up of its
// state by ID or name.
func Find[T any](items []*T, match func(*T) bool) *T {
	for _, it := range items {
		if match(it) {
			return it
		}
	}
	return nil
}
