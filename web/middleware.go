package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// MaxFormBytes caps request bodies: forms are small, and a cap keeps a slow
// or huge upload from tying up the server.
const MaxFormBytes = 64 << 10

type ctxKey int

const requestIDKey ctxKey = iota

// middleware wraps every route. Order, outside in: request ID, recover,
// security headers, host check, client address, body cap, cross-origin
// protection, metrics (innermost, so it sees the route pattern the mux
// matched).
func (s *Server) middleware(mux *http.ServeMux) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.message(w, r, http.StatusForbidden, "This form was sent from another site, so we refused it. Open Registrar directly and send it again.")
	}))
	// One-click unsubscribe (RFC 8058) is exempt on purpose: mail providers
	// and webmail clients POST it from their own origin, with browser
	// headers or none, and it must work there. It is no CSRF hole: it needs
	// no session or cookie, the per-recipient token in the path is the only
	// credential, and a forger who has the token could click it anyway. The
	// one thing it can do is turn mail off.
	cop.AddInsecureBypassPattern("POST /unsubscribe/{token}")
	var h http.Handler = s.metrics.wrap(mux)
	h = cop.Handler(h)
	h = limitBody(h)
	h = s.clientAddrs(h)
	h = s.hostGuard(h)
	h = s.securityHeaders(h)
	h = s.recoverer(h)
	return s.requestID(h)
}

func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, MaxFormBytes)
		}
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy allows our own files only: no inline script, no
// framing by anyone.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

// hstsMaxAge keeps browsers on https for a year once they have seen it.
const hstsMaxAge = "max-age=31536000"

func (s *Server) securityHeaders(next http.Handler) http.Handler {
	https := strings.HasPrefix(s.Config.BaseURL, "https://")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		if https {
			h.Set("Strict-Transport-Security", hstsMaxAge)
		}
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		next.ServeHTTP(w, r)
	})
}

func (s *Server) requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		info := &requestInfo{id: hex.EncodeToString(b)}
		w.Header().Set("X-Request-Id", info.id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey, info)))
	})
}

func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.Log.ErrorContext(r.Context(), "panic serving request", "panic", p, "method", r.Method)
				s.message(w, r, http.StatusInternalServerError, "")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// requestInfo is what every log line of a request carries: its ID and the
// route pattern it matched. Never the path: link routes' paths hold live
// tokens.
type requestInfo struct {
	id    string
	route string // set once the mux has matched
}

// RequestID returns the ID middleware gave the request, for logs.
func RequestID(ctx context.Context) string {
	if info, ok := ctx.Value(requestIDKey).(*requestInfo); ok {
		return info.id
	}
	return ""
}

// noteRoute records the matched route pattern for the request's logs.
func noteRoute(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if info, ok := r.Context().Value(requestIDKey).(*requestInfo); ok {
			info.route = r.Pattern
		}
		next.ServeHTTP(w, r)
	})
}

// now is the wall clock for rate limiting only; domain time comes from the Clock.
func now() time.Time { return time.Now() }

// requestIDHandler adds the request ID and route to every record logged
// with a request's context, so one request's lines can be found together.
type requestIDHandler struct{ slog.Handler }

func (h requestIDHandler) Handle(ctx context.Context, r slog.Record) error {
	if info, ok := ctx.Value(requestIDKey).(*requestInfo); ok {
		r.AddAttrs(slog.String("request_id", info.id))
		if info.route != "" {
			r.AddAttrs(slog.String("route", info.route))
		}
	}
	return h.Handler.Handle(ctx, r)
}

func (h requestIDHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return requestIDHandler{h.Handler.WithAttrs(attrs)}
}

func (h requestIDHandler) WithGroup(name string) slog.Handler {
	return requestIDHandler{h.Handler.WithGroup(name)}
}
