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

// Pacer paces API calls: Wait returns when one may go. A *rate.Limiter
// paces one process; quota.Budget paces every instance on the database.
type Pacer interface {
	Wait(ctx context.Context) error
}

// TabLocker makes a tab's read-modify-write sequence run alone across
// instances: held ends early if the lock is lost, and unlock must be called.
type TabLocker interface {
	Lock(ctx context.Context, name string) (held context.Context, unlock func(), err error)
}

// Sheet writes rows of one spreadsheet. It is safe for concurrent use; its
// read-modify-write sequences run one at a time, because row numbers read in
// one step are written in the next: one at a time in the process, and with
// a TabLocker one at a time per tab across instances.
type Sheet struct {
	api           *sheetsapi.Service
	spreadsheetID string
	reads, writes Pacer
	tabLock       TabLocker        // nil: this process is the only writer
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

// WithPacers replaces the process's own limiters, e.g. with the read and
// write budgets every instance draws from.
func WithPacers(reads, writes Pacer) Option {
	return func(s *Sheet) { s.reads, s.writes = reads, writes }
}

// WithTabLock makes each tab's read-modify-write hold l's lock on the tab,
// for when several instances write the spreadsheet.
func WithTabLock(l TabLocker) Option { return func(s *Sheet) { s.tabLock = l } }

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

// lock takes the Sheet's turn and then tab's lock across instances, or
// gives up when ctx ends. The returned context ends early if the tab's lock
// is lost, so no write goes out on rows read under a lock someone else took.
func (s *Sheet) lock(ctx context.Context, tab string) (context.Context, func(), error) {
	select {
	case s.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, workflows.Wrap(workflows.Unavailable, "Google Sheets is busy.", ctx.Err())
	}
	if s.tabLock == nil {
		return ctx, func() { <-s.turn }, nil
	}
	held, unlock, err := s.tabLock.Lock(ctx, "sheets-tab:"+s.spreadsheetID+"!"+tab)
	if err != nil {
		<-s.turn
		return nil, nil, fmt.Errorf("lock tab %q: %w", tab, err)
	}
	return held, func() { unlock(); <-s.turn }, nil
}

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
	e := workflows.Wrap(workflows.Unavailable, "Google Sheets quota is busy.", fmt.Errorf("sheets %s: %w", op, err))
	e.RetryAfter = workflows.RetryAfterOf(err)
	return e
}
