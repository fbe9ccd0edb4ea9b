package web

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// routes lists every route of the app in one place.
func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.handleHomeIndex)
	mux.HandleFunc("GET /events/{slug}", s.handleEventShow)
	mux.HandleFunc("POST /events/{slug}/{role}", s.limited(s.handleSignupCreate))
	mux.HandleFunc("GET /events/{slug}/check-email", s.handleSignupCheckEmail)
	mux.HandleFunc("GET /confirm/{token}", s.handleConfirmShow)
	if s.Mailbox != nil {
		mux.HandleFunc("GET /dev/mailbox", s.handleMailboxIndex)
		mux.HandleFunc("GET /dev/mailbox/{id}", s.handleMailboxShow)
		mux.HandleFunc("GET /dev/mailbox/{id}/html", s.handleMailboxHTML)
	}
	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.Registry, promhttp.HandlerOpts{}))
	mux.Handle("GET /static/", s.Assets.Handler())
	mux.HandleFunc("/", s.handleNotFound)
}
