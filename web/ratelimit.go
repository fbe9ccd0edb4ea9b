package web

import (
	"container/list"
	"math"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// maxLimiterKeys bounds each limiter's memory whatever clients send: past
// it the key idle longest is forgotten (its bucket starts full again).
const maxLimiterKeys = 20000

// rateLimiter allows each key (a client address, an email address's hash) a
// number of events per period, with a burst of the same size: a classroom
// behind one address can sign up together. Keys are kept least recently
// used first, so forgetting idle ones is cheap and the map stays bounded.
type rateLimiter[K comparable] struct {
	per    int // events per period; 0 or less turns the limit off
	period time.Duration
	max    int
	mu     sync.Mutex
	keys   map[K]*list.Element // of *clientLimit[K]
	recent *list.List          // front: most recently seen
}

type clientLimit[K comparable] struct {
	key  K
	lim  *rate.Limiter
	seen time.Time
}

// newRateLimiter limits public POSTs per client address per minute.
func newRateLimiter(perMinute int) *rateLimiter[netip.Addr] {
	return newKeyedLimiter[netip.Addr](perMinute, time.Minute)
}

func newKeyedLimiter[K comparable](per int, period time.Duration) *rateLimiter[K] {
	return &rateLimiter[K]{per: per, period: period, max: maxLimiterKeys, keys: map[K]*list.Element{}, recent: list.New()}
}

// allow reports whether key may act now, and if not, how long to wait.
func (l *rateLimiter[K]) allow(key K, at time.Time) (bool, time.Duration) {
	if l.per <= 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	c := l.entry(key, at)
	r := c.lim.ReserveN(at, 1)
	if d := r.DelayFrom(at); d > 0 {
		r.CancelAt(at)
		return false, d
	}
	return true, 0
}

// entry returns key's bucket, marked as seen at, after forgetting keys idle
// long enough for their bucket to be full again and, when still full, the
// one idle longest.
func (l *rateLimiter[K]) entry(key K, at time.Time) *clientLimit[K] {
	for e := l.recent.Back(); e != nil; e = l.recent.Back() {
		if c := e.Value.(*clientLimit[K]); at.Sub(c.seen) <= 2*l.period && len(l.keys) < l.max {
			break
		}
		l.forget(e)
	}
	if e, ok := l.keys[key]; ok {
		c := e.Value.(*clientLimit[K])
		c.seen = at
		l.recent.MoveToFront(e)
		return c
	}
	c := &clientLimit[K]{key: key, lim: rate.NewLimiter(rate.Limit(float64(l.per)/l.period.Seconds()), l.per), seen: at}
	l.keys[key] = l.recent.PushFront(c)
	return c
}

func (l *rateLimiter[K]) forget(e *list.Element) {
	delete(l.keys, e.Value.(*clientLimit[K]).key)
	l.recent.Remove(e)
}

// len is how many keys the limiter holds.
func (l *rateLimiter[K]) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.keys)
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
		ok, wait := l.allow(clientKey(clientAddr(r)), now())
		if !ok {
			refused(r)
			tooMany(w, r, s, wait)
			return
		}
		next(w, r)
	}
}

func tooMany(w http.ResponseWriter, r *http.Request, s *Server, wait time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	s.message(w, r, http.StatusTooManyRequests, "")
}

// clientKey is the key a client is limited by: its IPv4 address, or its
// IPv6 /64, since one host commonly holds a whole /64.
func clientKey(a netip.Addr) netip.Addr {
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.Addr()
	}
	return a
}
