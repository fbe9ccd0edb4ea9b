package main

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
)

// apiCalls counts every request to a vendor API by target and outcome (the
// HTTP status, or "timeout" / "error" when no answer came), so a dashboard
// shows a vendor's 429s and 5xx before organizers notice a lagging sheet.
type apiCalls struct {
	calls *prometheus.CounterVec
}

func newAPICalls(reg prometheus.Registerer) *apiCalls {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "registrar_api_calls_total", Help: "Requests to vendor APIs by target (sheets, trello, mailgun) and status.",
	}, []string{"target", "status"})
	reg.MustRegister(c)
	return &apiCalls{calls: c}
}

// client returns a copy of base whose requests are counted under target.
func (a *apiCalls) client(base *http.Client, target string) *http.Client {
	c := *base
	next := c.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	c.Transport = countingTransport{target: target, next: next, calls: a.calls}
	return &c
}

type countingTransport struct {
	target string
	next   http.RoundTripper
	calls  *prometheus.CounterVec
}

func (t countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(r)
	status := "error"
	switch {
	case err == nil:
		status = strconv.Itoa(resp.StatusCode)
	case errors.Is(err, r.Context().Err()) && r.Context().Err() != nil:
		status = "timeout"
	}
	t.calls.WithLabelValues(t.target, status).Inc()
	return resp, err
}
