// Package web serves Registrar's pages: thin handlers that parse a request,
// call one workflows use case and render a templ component or redirect.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"

	"github.com/prometheus/client_golang/prometheus"

	"registrar/workflows"
)

// EventService lists and shows events.
type EventService interface {
	ListOpen(ctx context.Context) ([]workflows.EventSeats, error)
	Show(ctx context.Context, slug string) (workflows.EventSeats, bool, error)
}

// SignupService signs people up and confirms their addresses.
type SignupService interface {
	SignUp(ctx context.Context, in workflows.SignupInput) (workflows.SignupOutcome, error)
	Confirm(ctx context.Context, token string) (workflows.ConfirmResult, error)
}

// Mailbox reads the dev mailbox; nil when real email is configured.
type Mailbox interface {
	List(ctx context.Context, limit int) ([]MailboxMessage, error)
	Get(ctx context.Context, id string) (MailboxMessage, error)
}

// MailboxMessage is one message in the dev mailbox.
type MailboxMessage struct {
	ID, To, Subject, Kind, HTML, Text string
	Sent                              string
}

// Pinger reports whether the database answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Assets serves the static files under content-hashed names.
type Assets interface {
	Path(name string) string
	Handler() http.Handler
}

// Config is what the server needs to know about its deployment.
type Config struct {
	BaseURL         string
	SignupRateLimit int            // public POSTs per minute per client; 0 turns the limit off
	TrustedProxies  []netip.Prefix // peers whose X-Forwarded-For is believed
	Integrations    map[string]string
}

// Server holds the handlers' dependencies.
type Server struct {
	Config   Config
	Log      *slog.Logger
	Events   EventService
	Signups  SignupService
	Mailbox  Mailbox
	DB       Pinger
	Assets   Assets
	Registry *prometheus.Registry

	metrics *httpMetrics
	limiter *rateLimiter
}

// Handler returns the whole application with its middleware.
func (s *Server) Handler() http.Handler {
	s.metrics = newHTTPMetrics(s.Registry)
	s.limiter = newRateLimiter(s.Config.SignupRateLimit)
	mux := http.NewServeMux()
	s.routes(mux)
	return s.middleware(mux)
}
