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

// rateLimiter allows each key (a client address, an email address) a number
// of events per period, with a burst of the same size: a classroom behind one
// address can sign up together.
type rateLimiter[K comparable] struct {
	per     int // events per period; 0 or less turns the limit off
	period  time.Duration
	mu      sync.Mutex
	clients map[K]*clientLimit
	swept   time.Time
}

type clientLimit struct {
	lim  *rate.Limiter
	seen time.Time
}

// newRateLimiter limits public POSTs per client address per minute.
func newRateLimiter(perMinute int) *rateLimiter[netip.Addr] {
	return newKeyedLimiter[netip.Addr](perMinute, time.Minute)
}

func newKeyedLimiter[K comparable](per int, period time.Duration) *rateLimiter[K] {
	return &rateLimiter[K]{per: per, period: period, clients: map[K]*clientLimit{}}
}

// allow reports whether key may act now, and if not, how long to wait.
func (l *rateLimiter[K]) allow(key K, at time.Time) (bool, time.Duration) {
	if l.per <= 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(at)
	c, ok := l.clients[key]
	if !ok {
		c = &clientLimit{lim: rate.NewLimiter(rate.Limit(float64(l.per)/l.period.Seconds()), l.per)}
		l.clients[key] = c
	}
	c.seen = at
	r := c.lim.ReserveN(at, 1)
	if d := r.DelayFrom(at); d > 0 {
		r.CancelAt(at)
		return false, d
	}
	return true, 0
}

// sweep forgets keys idle long enough for their bucket to be full again,
// so the map stays as large as the current traffic.
func (l *rateLimiter[K]) sweep(at time.Time) {
	if at.Sub(l.swept) < l.period {
		return
	}
	l.swept = at
	for k, c := range l.clients {
		if at.Sub(c.seen) > 2*l.period {
			delete(l.clients, k)
		}
	}
}

// limited applies the per-client limit to a public sign-up handler.
func (s *Server) limited(next http.HandlerFunc) http.HandlerFunc {
	return s.limitedBy(s.limiter, func(r *http.Request) {
		s.metrics.signups.WithLabelValues(r.PathValue("role"), "rate_limited").Inc()
	}, next)
}

// limitedBy answers 429 with Retry-After when the client is over l's limit.
func (s *Server) limitedBy(l *rateLimiter[netip.Addr], refused func(*http.Request), next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ok, wait := l.allow(s.clientAddr(r), now())
		if !ok {
			refused(r)
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
