// Package trellotest is an in-memory fake of the Trello REST API (v1), served
// by httptest, good enough for the real adlio/trello client. It enforces
// Trello's per-token rate limit (100 requests per 10 s) with 429s, checks a
// webhook's callback with HEAD like Trello does, and can move a card as an
// organizer would, posting a signed webhook. It fails on demand.
//
// Operation names, for fakeapi.Fault.Op and Calls (which counts requests
// that passed the rate limit, faults included): "lists.list", "lists.create",
// "labels.list", "labels.create", "cards.list", "cards.create", "cards.get",
// "cards.update", "cards.delete", "cards.addLabel", "webhooks.list",
// "webhooks.create", "webhooks.delete".
package trellotest

import (
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"registrar/integrations/fakeapi"
)

// Credentials the fake accepts, and the app secret it signs webhooks with.
const (
	Key    = "fake-key"
	Token  = "fake-token"
	Secret = "fake-app-secret"
)

// Card is a card as a test sees it: list and labels by name.
type Card struct {
	ID, Name, Desc, List string
	Labels               []string
	Closed               bool
}

// Webhook is a registered webhook.
type Webhook struct {
	ID, Model, Description, CallbackURL string
}

type list struct{ id, name, board string }
type label struct{ id, name, color, board string }
type card struct {
	id, name, desc, list, board string
	labels                      []string
	closed                      bool
}
type webhook struct{ id, model, description, callback, token string }

// Server is a fake Trello API. Its methods are safe for concurrent use.
type Server struct {
	fakeapi.Server        // URL is the server root; the client's base is URL + "/1"
	BoardID        string // the one board, created empty

	limit  int
	window time.Duration
	hooks  *http.Client // for HEAD checks and webhook posts

	mu       sync.Mutex
	next     int
	lists    []*list
	labels   []*label
	cards    []*card
	webhooks []*webhook
	checks   []*checklist           // checklists.go
	seen     map[string][]time.Time // token → request times inside the window
	limited  int
	creates  int
}

// Option configures a Server.
type Option func(*Server)

// WithSeed seeds the random faults (default 1), so a failing run repeats.
func WithSeed(seed uint64) Option { return func(s *Server) { s.Seed(seed) } }

// WithRateLimit enforces n requests per window per token instead of
// Trello's 100 per 10 s; tests scale both down to stay fast.
func WithRateLimit(n int, window time.Duration) Option {
	return func(s *Server) { s.limit, s.window = n, window }
}

// New starts a fake with one empty board; it stops when the test ends.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{limit: 100, window: 10 * time.Second, hooks: &http.Client{Timeout: 5 * time.Second},
		seen: map[string][]time.Time{}}
	for _, o := range opts {
		o(s)
	}
	s.BoardID = s.newID()
	s.Start(t, http.HandlerFunc(s.route), func(w http.ResponseWriter, status int) {
		if status == http.StatusTooManyRequests {
			write(w, tooMany())
			return
		}
		write(w, text(status, http.StatusText(status)))
	})
	return s
}

// APIBase is the value for trello.Config.APIBase.
func (s *Server) APIBase() string { return s.URL + "/1" }

// Cards returns the board's cards, open and archived, oldest first.
func (s *Server) Cards() []Card {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Card, 0, len(s.cards))
	for _, c := range s.cards {
		out = append(out, s.view(c))
	}
	return out
}

// Card returns one card.
func (s *Server) Card(id string) (Card, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.card(id)
	if c == nil {
		return Card{}, false
	}
	return s.view(c), true
}

// Lists returns the names of the board's lists, in order.
func (s *Server) Lists() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, l := range s.lists {
		out = append(out, l.name)
	}
	return out
}

// AddList adds a list to the board, as an organizer setting it up by hand
// would, and returns its ID.
func (s *Server) AddList(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := &list{id: s.newID(), name: name, board: s.BoardID}
	s.lists = append(s.lists, l)
	return l.id
}

// Webhooks returns the registered webhooks.
func (s *Server) Webhooks() []Webhook {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Webhook
	for _, w := range s.webhooks {
		out = append(out, Webhook{w.id, w.model, w.description, w.callback})
	}
	return out
}

// DeleteCard removes a card as an organizer would.
func (s *Server) DeleteCard(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cards = slices.DeleteFunc(s.cards, func(c *card) bool { return c.id == id })
}

// AddLabel puts a board label on a card as an organizer would, creating the
// label when the board lacks it.
func (s *Server) AddLabel(cardID, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.card(cardID)
	if c == nil {
		return
	}
	l := s.labelNamed(name)
	if l == nil {
		l = &label{id: s.newID(), name: name, color: "red", board: s.BoardID}
		s.labels = append(s.labels, l)
	}
	c.labels = append(c.labels, l.id)
}

// Creates counts cards created through the API.
func (s *Server) Creates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.creates
}

// RateLimited counts requests refused by the per-token rate limit (not
// scripted RateLimit faults).
func (s *Server) RateLimited() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.limited
}

func (s *Server) view(c *card) Card {
	v := Card{ID: c.id, Name: c.name, Desc: c.desc, Closed: c.closed}
	for _, l := range s.lists {
		if l.id == c.list {
			v.List = l.name
		}
	}
	for _, id := range c.labels {
		for _, l := range s.labels {
			if l.id == id {
				v.Labels = append(v.Labels, l.name)
			}
		}
	}
	return v
}

// newID returns a 24-hex-digit ID, ordered by creation like Trello's.
func (s *Server) newID() string {
	s.next++
	return fmt.Sprintf("%08x%016x", 0x65000000, s.next)
}

func (s *Server) card(id string) *card {
	return fakeapi.Find(s.cards, func(c *card) bool { return c.id == id })
}

func (s *Server) listByID(id string) *list {
	return fakeapi.Find(s.lists, func(l *list) bool { return l.id == id })
}

func (s *Server) labelNamed(name string) *label {
	return fakeapi.Find(s.labels, func(l *label) bool { return l.name == name })
}
