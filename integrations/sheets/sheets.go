// Package sheets mirrors registrations into a Google Sheets spreadsheet, one
// tab per event and role with the registration ID in column A. It implements
// workflows.SheetWriter over google.golang.org/api/sheets/v4.
package sheets

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
	"google.golang.org/api/option"
	sheetsapi "google.golang.org/api/sheets/v4"
	transporthttp "google.golang.org/api/transport/http"

	"registrar/workflows"
)

// Config says which spreadsheet to write and how to reach it.
type Config struct {
	SpreadsheetID   string // the long ID in the spreadsheet's URL
	CredentialsFile string // service-account JSON key; the account needs edit access to the spreadsheet
	// Endpoint overrides the API base, in the form "http://host:port/" (the
	// client appends "v4/spreadsheets/..."). With no CredentialsFile, requests
	// carry no auth: that is how tests and a local fake are reached.
	Endpoint string
}

// Enabled reports whether the spreadsheet mirror is configured.
func (c Config) Enabled() bool {
	return c.SpreadsheetID != "" && (c.CredentialsFile != "" || c.Endpoint != "")
}

// The Sheets quota is 60 reads and 60 writes a minute per user. One request
// every 1.1 s after a burst of 5 never exceeds 60 in any minute.
const (
	defaultEvery = 1100 * time.Millisecond
	defaultBurst = 5
)

// Sheet writes rows of one spreadsheet. It is safe for concurrent use; its
// read-modify-write sequences run one at a time, because row numbers read in
// one step are written in the next.
type Sheet struct {
	api           *sheetsapi.Service
	spreadsheetID string
	reads, writes *rate.Limiter
	turn          chan struct{}    // held for a whole upsert or delete
	tabs          map[string]int64 // tab title → sheet ID, known to exist; guarded by turn
	writeCalls    atomic.Int64
}

var _ workflows.SheetWriter = (*Sheet)(nil)

// Option adjusts a Sheet.
type Option func(*Sheet)

// WithRate replaces the default request rate (reads and writes each), e.g.
// rate.Inf in tests against a fake.
func WithRate(r rate.Limit, burst int) Option {
	return func(s *Sheet) {
		s.reads = rate.NewLimiter(r, burst)
		s.writes = rate.NewLimiter(r, burst)
	}
}

// New returns a Sheet for cfg. httpClient must have a timeout; with a
// credentials file its transport is wrapped with service-account auth.
func New(ctx context.Context, cfg Config, httpClient *http.Client, opts ...Option) (*Sheet, error) {
	if !cfg.Enabled() {
		return nil, errors.New("sheets: not configured")
	}
	if httpClient == nil {
		return nil, errors.New("sheets: an http.Client with a timeout is required")
	}
	if cfg.CredentialsFile != "" {
		base := httpClient.Transport
		if base == nil {
			base = http.DefaultTransport
		}
		// WithHTTPClient overrides every auth option, so auth goes into the
		// transport of a client that keeps the caller's timeout.
		authed, err := transporthttp.NewTransport(ctx, base,
			option.WithAuthCredentialsFile(option.ServiceAccount, cfg.CredentialsFile),
			option.WithScopes(sheetsapi.SpreadsheetsScope))
		if err != nil {
			return nil, fmt.Errorf("sheets credentials: %w", err)
		}
		httpClient = &http.Client{Transport: authed, Timeout: httpClient.Timeout,
			CheckRedirect: httpClient.CheckRedirect, Jar: httpClient.Jar}
	}
	clientOpts := []option.ClientOption{option.WithHTTPClient(httpClient)}
	if cfg.Endpoint != "" {
		clientOpts = append(clientOpts, option.WithEndpoint(cfg.Endpoint))
	}
	api, err := sheetsapi.NewService(ctx, clientOpts...)
	if err != nil {
		return nil, fmt.Errorf("sheets client: %w", err)
	}
	s := &Sheet{
		api:           api,
		spreadsheetID: cfg.SpreadsheetID,
		reads:         rate.NewLimiter(rate.Every(defaultEvery), defaultBurst),
		writes:        rate.NewLimiter(rate.Every(defaultEvery), defaultBurst),
		turn:          make(chan struct{}, 1),
		tabs:          map[string]int64{},
	}
	for _, o := range opts {
		o(s)
	}
	return s, nil
}

// WriteCalls counts the write requests sent so far, for metrics and tests.
func (s *Sheet) WriteCalls() int64 { return s.writeCalls.Load() }

// lock takes the Sheet's turn, or gives up when ctx ends.
func (s *Sheet) lock(ctx context.Context) error {
	select {
	case s.turn <- struct{}{}:
		return nil
	case <-ctx.Done():
		return workflows.Wrap(workflows.Unavailable, "Google Sheets is busy.", ctx.Err())
	}
}

func (s *Sheet) unlock() { <-s.turn }

// read runs one read request under the read quota.
func (s *Sheet) read(ctx context.Context, op string, call func() error) error {
	if err := s.reads.Wait(ctx); err != nil {
		return quotaWait(op, err)
	}
	return classify(op, call())
}

// write runs one write request under the write quota and counts it.
func (s *Sheet) write(ctx context.Context, op string, call func() error) error {
	if err := s.writes.Wait(ctx); err != nil {
		return quotaWait(op, err)
	}
	s.writeCalls.Add(1)
	return classify(op, call())
}

// quotaWait reports a request that never left because our own quota limiter
// could not fit it before ctx ends: nothing was written, try later.
func quotaWait(op string, err error) error {
	return workflows.Wrap(workflows.Unavailable, "Google Sheets quota is busy.", fmt.Errorf("sheets %s: %w", op, err))
}
