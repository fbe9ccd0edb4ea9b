package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

type httpMetrics struct {
	inFlight prometheus.Gauge
	duration *prometheus.HistogramVec
	signups  *prometheus.CounterVec
}

func newHTTPMetrics(reg prometheus.Registerer) *httpMetrics {
	m := &httpMetrics{
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "registrar_http_requests_in_flight", Help: "Requests being served now.",
		}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "registrar_http_request_duration_seconds", Help: "HTTP request duration by route pattern and status class.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route", "code"}),
		signups: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "registrar_signups_total", Help: "Sign-up form posts by role and outcome.",
		}, []string{"role", "outcome"}),
	}
	m.inFlight = register(reg, m.inFlight)
	m.duration = register(reg, m.duration)
	m.signups = register(reg, m.signups)
	return m
}

// register adds c to reg, or returns the collector registered already under
// its name, so a second handler on one registry shares the first's metrics.
func register[C prometheus.Collector](reg prometheus.Registerer, c C) C {
	if err := reg.Register(c); err != nil {
		if are, ok := errors.AsType[prometheus.AlreadyRegisteredError](err); ok {
			if existing, ok := are.ExistingCollector.(C); ok {
				return existing
			}
		}
		panic(fmt.Sprintf("register metrics: %v", err))
	}
	return c
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// wrap times each request under the pattern the mux matched, so the label set
// stays small whatever paths clients try.
func (m *httpMetrics) wrap(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.inFlight.Inc()
		defer m.inFlight.Dec()
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		mux.ServeHTTP(rec, r)
		route := r.Pattern
		if route == "" || route == "/" {
			route = "unmatched"
		}
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		m.duration.WithLabelValues(route, statusClass(rec.status)).Observe(time.Since(start).Seconds())
	})
}

func statusClass(code int) string {
	return string(rune('0'+code/100)) + "xx"
}

// scrapersOnly serves /metrics to this machine (not through a proxy) and to
// the networks in Config.MetricsAllow; everyone else gets 404. Job counts
// rise only for known addresses, so public metrics would tell strangers
// which addresses are registered.
func (s *Server) scrapersOnly(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.fromThisMachine(r) && !s.metricsAllowed(clientAddr(r)) {
			s.message(w, r, http.StatusNotFound, "")
			return
		}
		next(w, r)
	}
}

func (s *Server) metricsAllowed(a netip.Addr) bool {
	for _, p := range s.Config.MetricsAllow {
		if a.IsValid() && p.Contains(a) {
			return true
		}
	}
	return false
}
