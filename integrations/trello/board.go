// Package trello keeps one Trello card per registration, in a list per
// status, and reads organizers' card moves from Trello's webhooks. It
// implements workflows.BoardWriter over github.com/adlio/trello.
package trello

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	trelloapi "github.com/adlio/trello"
	"golang.org/x/time/rate"

	"registrar/integrations/vendorapi"
	"registrar/workflows"
)

// Config says which board to write and how to reach Trello.
type Config struct {
	Key     string           // the Power-Up's API key
	Token   vendorapi.Secret // a member's token with write access to the board
	BoardID string
	// APIBase overrides the API base, in the form "http://host:port/1".
	APIBase string
	// Secret is the app secret Trello signs webhooks with.
	Secret vendorapi.Secret
}

// Enabled reports whether the board mirror is configured.
func (c Config) Enabled() bool { return c.Key != "" && c.Token != "" && c.BoardID != "" }

// defaultTimeout bounds a request when the caller gives no client.
const defaultTimeout = 15 * time.Second

// Trello allows 100 requests per 10 s per token. 8 a second after a burst
// of 8 is at most 88 in any 10 s, which leaves room for jitter on the way.
const (
	defaultRate  = rate.Limit(8)
	defaultBurst = 8
)

// labelColor gives a role label its colour when it is created.
func labelColor(name string) string {
	switch name {
	case "student":
		return "green"
	case "mentor":
		return "blue"
	default:
		return "sky"
	}
}

// Pacer paces API calls: Wait returns when one may go. A *rate.Limiter
// paces one process; quota.Budget paces every instance on the database.
type Pacer interface {
	Wait(ctx context.Context) error
}

// Board writes cards to one Trello board. It is safe for concurrent use;
// every API call, whichever goroutine makes it, waits for the one pacer.
type Board struct {
	cfg  Config
	http *http.Client
	pace Pacer

	setup  chan struct{} // held while missing lists or labels are created
	mu     sync.Mutex    // guards lists and labels
	lists  map[string]string
	labels map[string]string
}

var _ workflows.BoardWriter = (*Board)(nil)

// Option adjusts a Board.
type Option func(*Board)

// WithRate replaces the request rate; tests use it with a fake whose window
// is scaled down alike.
func WithRate(r rate.Limit, burst int) Option {
	return func(b *Board) { b.pace = rate.NewLimiter(r, burst) }
}

// WithPacer replaces the process's own limiter, e.g. with a budget that
// every instance sharing the token draws from.
func WithPacer(p Pacer) Option { return func(b *Board) { b.pace = p } }

// New returns a Board. httpClient must have a timeout: the library's
// default client has none.
func New(cfg Config, httpClient *http.Client, opts ...Option) *Board {
	if httpClient == nil {
		httpClient = &http.Client{Timeout: defaultTimeout}
	}
	b := &Board{
		cfg:    cfg,
		http:   httpClient,
		pace:   rate.NewLimiter(defaultRate, defaultBurst),
		setup:  make(chan struct{}, 1),
		lists:  map[string]string{},
		labels: map[string]string{},
	}
	for _, o := range opts {
		o(b)
	}
	return b
}

// do runs one API call under the shared pacer with a client bound to ctx,
// and gives its failure our kind.
func (b *Board) do(ctx context.Context, op string, fn func(api *trelloapi.Client) error) error {
	if err := b.pace.Wait(ctx); err != nil {
		e := workflows.Wrap(workflows.Unavailable, "Trello's rate limit is busy.", fmt.Errorf("trello %s: %w", op, err))
		e.RetryAfter = workflows.RetryAfterOf(err)
		return e
	}
	c := &exchange{}
	api := trelloapi.NewClient(b.cfg.Key, string(b.cfg.Token))
	if b.cfg.APIBase != "" {
		api.BaseURL = b.cfg.APIBase
	}
	base := b.http.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	api.Client = &http.Client{Transport: &exchangeTransport{ctx: ctx, base: base, x: c},
		Timeout: b.http.Timeout, CheckRedirect: b.http.CheckRedirect}
	err := fn(api.WithContext(ctx))
	if err == nil {
		return nil
	}
	return classify(op, c.failure(err, b.cfg.Token))
}

// take and release guard the creation of lists and labels, so that two
// workers don't both create "Accepted".
func (b *Board) take(ctx context.Context) error {
	select {
	case b.setup <- struct{}{}:
		return nil
	case <-ctx.Done():
		return workflows.Wrap(workflows.Unavailable, "Trello setup is busy.", ctx.Err())
	}
}

func (b *Board) release() { <-b.setup }
