package web

import (
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// rateLimiter allows each client address a number of public POSTs per
// minute, with a burst of the same size so a classroom behind one address can
// sign up together.
type rateLimiter struct {
	perMinute int
	mu        sync.Mutex
	clients   map[netip.Addr]*clientLimit
	swept     time.Time
}

type clientLimit struct {
	lim  *rate.Limiter
	seen time.Time
}

func newRateLimiter(perMinute int) *rateLimiter {
	return &rateLimiter{perMinute: perMinute, clients: map[netip.Addr]*clientLimit{}}
}

// allow reports whether addr may post now, and if not, how long to wait.
func (l *rateLimiter) allow(addr netip.Addr, at time.Time) (bool, time.Duration) {
	if l.perMinute <= 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(at)
	c, ok := l.clients[addr]
	if !ok {
		c = &clientLimit{lim: rate.NewLimiter(rate.Limit(float64(l.perMinute)/60), l.perMinute)}
		l.clients[addr] = c
	}
	c.seen = at
	r := c.lim.ReserveN(at, 1)
	if d := r.DelayFrom(at); d > 0 {
		r.CancelAt(at)
		return false, d
	}
	return true, 0
}

// sweep forgets clients idle long enough for their bucket to be full again,
// so the map stays as large as the current traffic.
func (l *rateLimiter) sweep(at time.Time) {
	if at.Sub(l.swept) < time.Minute {
		return
	}
	l.swept = at
	for a, c := range l.clients {
		if at.Sub(c.seen) > 2*time.Minute {
			delete(l.clients, a)
		}
	}
}

// limited applies the per-client limit to a public POST handler.
func (s *Server) limited(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ok, wait := s.limiter.allow(s.clientAddr(r), now())
		if !ok {
			s.metrics.signups.WithLabelValues(r.PathValue("role"), "rate_limited").Inc()
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			s.message(w, r, http.StatusTooManyRequests, "")
			return
		}
		next(w, r)
	}
}

// clientAddr is the connection's peer, or, when that peer is a trusted proxy,
// the nearest untrusted address in X-Forwarded-For.
func (s *Server) clientAddr(r *http.Request) netip.Addr {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	peer = peer.Unmap()
	if !s.trusted(peer) {
		return peer
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return peer
		}
		if a = a.Unmap(); !s.trusted(a) {
			return a
		}
	}
	return peer
}

func (s *Server) trusted(a netip.Addr) bool {
	for _, p := range s.Config.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
