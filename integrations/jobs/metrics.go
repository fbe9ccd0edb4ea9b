package jobs

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"registrar/workflows"
)

// Stats is the outbox at a glance for one kind.
type Stats struct {
	Kind      workflows.JobKind
	Due       int // queued and due now, leased or not
	InFlight  int // leased now
	Waiting   int // queued for later (backing off)
	Failed    int
	OldestDue time.Duration // age of the oldest due job
}

// Metrics counts job outcomes and reports the outbox's state when scraped.
type Metrics struct {
	outcomes *prometheus.CounterVec
}

// NewMetrics registers the job metrics with reg. stats is read at scrape time
// so the gauges show the database, not one instance's memory.
func NewMetrics(reg prometheus.Registerer, stats func(ctx context.Context) ([]Stats, error)) *Metrics {
	m := &Metrics{outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "registrar_jobs_total", Help: "Outbox jobs run, by kind and outcome (done, retry, failed).",
	}, []string{"kind", "outcome"})}
	reg.MustRegister(m.outcomes, newStatsCollector(stats))
	return m
}

func (m *Metrics) observe(kind workflows.JobKind, outcome string) {
	if m != nil {
		m.outcomes.WithLabelValues(string(kind), outcome).Inc()
	}
}

type statsCollector struct {
	stats                                  func(ctx context.Context) ([]Stats, error)
	due, inFlight, waiting, failed, oldest *prometheus.Desc
}

func newStatsCollector(stats func(ctx context.Context) ([]Stats, error)) *statsCollector {
	desc := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc(name, help, []string{"kind"}, nil)
	}
	return &statsCollector{stats: stats,
		due:      desc("registrar_outbox_due", "Jobs due now, by kind."),
		inFlight: desc("registrar_outbox_in_flight", "Jobs held by a worker now, by kind."),
		waiting:  desc("registrar_outbox_waiting", "Jobs backing off before a retry, by kind."),
		failed:   desc("registrar_outbox_failed", "Jobs parked after a permanent error, by kind."),
		oldest:   desc("registrar_outbox_oldest_due_seconds", "Age of the oldest due job, by kind."),
	}
}

func (c *statsCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.due, c.inFlight, c.waiting, c.failed, c.oldest} {
		ch <- d
	}
}

func (c *statsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	stats, err := c.stats(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.due, err)
		return
	}
	for _, s := range stats {
		k := string(s.Kind)
		ch <- prometheus.MustNewConstMetric(c.due, prometheus.GaugeValue, float64(s.Due), k)
		ch <- prometheus.MustNewConstMetric(c.inFlight, prometheus.GaugeValue, float64(s.InFlight), k)
		ch <- prometheus.MustNewConstMetric(c.waiting, prometheus.GaugeValue, float64(s.Waiting), k)
		ch <- prometheus.MustNewConstMetric(c.failed, prometheus.GaugeValue, float64(s.Failed), k)
		ch <- prometheus.MustNewConstMetric(c.oldest, prometheus.GaugeValue, s.OldestDue.Seconds(), k)
	}
}
