// Package sheetstest is an in-memory fake of the Google Sheets REST API (v4),
// served by httptest, good enough for the real sheets/v4 client: spreadsheets
// get and batchUpdate (addSheet, deleteDimension on rows, insertDimension on
// columns), values get, batchGet, update, batchUpdate and append. It fails on
// demand, enforces a per-user quota on request, and detects writes made on a
// stale read of a tab (two callers rewriting one tab at once).
//
// Operation names, for fakeapi.Fault.Op and Calls: "spreadsheets.get",
// "spreadsheets.batchUpdate", "values.get", "values.batchGet",
// "values.update", "values.batchUpdate", "values.append".
package sheetstest

import (
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"registrar/integrations/fakeapi"
)

// SpreadsheetID is the one spreadsheet the fake serves; others are 404.
const SpreadsheetID = "fake-spreadsheet"

// Server is a fake Sheets API; the client's endpoint is URL + "/". Its
// methods are safe for concurrent use.
type Server struct {
	fakeapi.Server

	// quota reads, and quota writes, per window per user; 0: no limit (quota.go)
	quota        int
	window       time.Duration
	callerHeader string // names the caller of a request, for StaleWrites

	mu      sync.Mutex
	tabs    []*tab
	nextID  int64
	auth    string                 // the last Authorization header
	seen    map[string][]time.Time // user and read/write → request times inside the window
	refused int
	caller  string         // the caller of the request being applied
	looked  map[string]int // caller and tab → the tab's version when the caller last read or wrote it
	stale   int
}

// Option configures a Server.
type Option func(*Server)

// WithSeed seeds the random faults (default 1), so a failing run repeats.
func WithSeed(seed uint64) Option { return func(s *Server) { s.Seed(seed) } }

// New starts a fake with one empty tab, "Sheet1", like a new spreadsheet;
// it stops when the test ends.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{tabs: []*tab{{id: 0, title: "Sheet1"}}, nextID: 1000, seen: map[string][]time.Time{}, looked: map[string]int{}}
	for _, o := range opts {
		o(s)
	}
	s.Start(t, http.HandlerFunc(s.route), fail)
	return s
}

// Endpoint is the value for sheets.Config.Endpoint.
func (s *Server) Endpoint() string { return s.URL + "/" }

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

// LastAuthorization is the Authorization header of the latest request.
func (s *Server) LastAuthorization() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.auth
}

// WriteCalls counts write requests of any kind.
func (s *Server) WriteCalls() int {
	return s.Calls("spreadsheets.batchUpdate") + s.Calls("values.update") +
		s.Calls("values.batchUpdate") + s.Calls("values.append")
}

func (s *Server) tab(title string) *tab {
	return fakeapi.Find(s.tabs, func(t *tab) bool { return t.title == title })
}

func (s *Server) tabByID(id int64) *tab {
	return fakeapi.Find(s.tabs, func(t *tab) bool { return t.id == id })
}

func (s *Server) addTab(title string) *tab {
	t := &tab{id: s.nextID, title: title}
	s.nextID++
	s.tabs = append(s.tabs, t)
	return t
}
