// Package sheetstest is an in-memory fake of the Google Sheets REST API (v4),
// served by httptest, good enough for the real sheets/v4 client: spreadsheets
// get and batchUpdate (addSheet, deleteDimension on rows), values get,
// batchGet, update, batchUpdate and append. It fails on demand.
//
// Operation names, for Fault.Op and Calls: "spreadsheets.get",
// "spreadsheets.batchUpdate", "values.get", "values.batchGet",
// "values.update", "values.batchUpdate", "values.append".
package sheetstest

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"registrar/integrations/faultinject"
)

// SpreadsheetID is the one spreadsheet the fake serves; others are 404.
const SpreadsheetID = "fake-spreadsheet"

// Server is a fake Sheets API. Its methods are safe for concurrent use.
type Server struct {
	URL string // base URL; the client's endpoint is URL + "/"

	srv    *httptest.Server
	stop   chan struct{}
	faults *faultinject.Injector

	mu     sync.Mutex
	tabs   []*tab
	nextID int64
	calls  map[string]int
	auth   string // the last Authorization header
}

// Option configures a Server.
type Option func(*Server)

// WithSeed seeds the random faults (default 1), so a failing run repeats.
func WithSeed(seed uint64) Option { return func(s *Server) { s.faults = faultinject.New(seed) } }

// New starts a fake with one empty tab, "Sheet1", like a new spreadsheet;
// it stops when the test ends.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{stop: make(chan struct{}), faults: faultinject.New(1), calls: map[string]int{}}
	for _, o := range opts {
		o(s)
	}
	s.tabs = []*tab{{id: 0, title: "Sheet1"}}
	s.nextID = 1000
	s.srv = httptest.NewServer(http.HandlerFunc(s.route))
	s.URL = s.srv.URL
	t.Cleanup(func() {
		close(s.stop)
		s.srv.Close()
	})
	return s
}

// Endpoint is the value for sheets.Config.Endpoint.
func (s *Server) Endpoint() string { return s.URL + "/" }

// Client returns an HTTP client for the fake with a 5 s timeout.
func (s *Server) Client() *http.Client {
	return &http.Client{Transport: s.srv.Client().Transport, Timeout: 5 * time.Second}
}

// Script queues faults; each hits the next request matching its Op.
func (s *Server) Script(faults ...Fault) { s.faults.Script(faults...) }

// SetRandomFaults makes each request fail with probability p, with a kind
// chosen among kinds; p = 0 turns random faults off.
func (s *Server) SetRandomFaults(p float64, kinds ...FaultKind) { s.faults.Random(p, kinds...) }

// PendingFaults is the number of scripted faults not yet used.
func (s *Server) PendingFaults() int { return s.faults.Pending() }

// Tabs returns the tab titles in order.
func (s *Server) Tabs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, t := range s.tabs {
		out = append(out, t.title)
	}
	return out
}

// Rows returns a copy of the tab's cells, header row included, without
// trailing blanks; nil when the tab does not exist.
func (s *Server) Rows(title string) [][]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tab(title)
	if t == nil {
		return nil
	}
	return t.read(area{r1: -1, c1: -1})
}

// Row returns the row of title whose column A holds id, or nil.
func (s *Server) Row(title, id string) []string {
	for _, r := range s.Rows(title) {
		if len(r) > 0 && r[0] == id {
			return r
		}
	}
	return nil
}

// SetCell writes one cell as an organizer would (row and col are 1-based),
// creating the tab when missing.
func (s *Server) SetCell(title string, row, col int, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tab(title)
	if t == nil {
		t = s.addTab(title)
	}
	t.set(row-1, col-1, value)
}

// DeleteTab removes a tab as an organizer would.
func (s *Server) DeleteTab(title string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tabs = slices.DeleteFunc(s.tabs, func(t *tab) bool { return t.title == title })
}

// Calls counts requests that reached the fake for op, faults included.
func (s *Server) Calls(op string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[op]
}

// LastAuthorization is the Authorization header of the latest request.
func (s *Server) LastAuthorization() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.auth
}

// WriteCalls counts write requests of any kind.
func (s *Server) WriteCalls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls["spreadsheets.batchUpdate"] + s.calls["values.update"] +
		s.calls["values.batchUpdate"] + s.calls["values.append"]
}

func (s *Server) tab(title string) *tab {
	for _, t := range s.tabs {
		if t.title == title {
			return t
		}
	}
	return nil
}

func (s *Server) tabByID(id int64) *tab {
	for _, t := range s.tabs {
		if t.id == id {
			return t
		}
	}
	return nil
}

func (s *Server) addTab(title string) *tab {
	t := &tab{id: s.nextID, title: title}
	s.nextID++
	s.tabs = append(s.tabs, t)
	return t
}
