package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"registrar/integrations/fakeapi"
	"registrar/integrations/mailgun/mailguntest"
	"registrar/integrations/sheets/sheetstest"
	"registrar/integrations/trello/trellotest"
	"registrar/workflows"
)

// The sync tests' rig: seeded fakes, a wire that counts vendor calls and
// faults, and an app that can be killed without a clean-up.

// seededFakes starts the three vendor fakes with seeded random faults.
func seededFakes(tb testing.TB, seed uint64) vendorFakes {
	tb.Helper()
	return vendorFakes{sheets: sheetstest.New(tb, sheetstest.WithSeed(seed)), trello: trellotest.New(tb, trellotest.WithSeed(seed+1)),
		mail: mailguntest.New(tb, mailguntest.WithSeed(seed+2))}
}

// randomFaults makes every vendor fail a share p of requests, each with one
// of the four kinds: 5xx, 429 with Retry-After, no answer (the write
// happened) and 500 after the write. Zero turns them off.
func (f vendorFakes) randomFaults(p float64) {
	f.sheets.SetRandomFaults(p, fakeapi.Fail5xx, fakeapi.RateLimit, fakeapi.Slow, fakeapi.FailAfterCommit)
	f.trello.SetRandomFaults(p, fakeapi.Fail5xx, fakeapi.RateLimit, fakeapi.Slow, fakeapi.FailAfterCommit)
	f.mail.SetRandomFaults(p, fakeapi.Fail5xx, fakeapi.RateLimit, fakeapi.Slow, fakeapi.FailAfterCommit)
}

// wire is the transport under the app's vendor client: it counts, per
// fake, the requests, the answers that were faults, and what is in flight.
type wire struct {
	base   *http.Transport
	vendor map[string]string // host:port → vendor name
	mu     sync.Mutex
	stats  map[string]*wireStats
}

type wireStats struct {
	requests, inFlight int
	unavailable        int // 503 before the write
	rateLimited        int // 429 with Retry-After, injected
	throttled          int // 429 without Retry-After: the fake Trello's own rate limit
	failedAfterCommit  int // 500 after the write
	noAnswer           int // the client gave up (a Slow fault) or the app died
}

func newWire(f vendorFakes) *wire {
	w := &wire{base: http.DefaultTransport.(*http.Transport).Clone(), vendor: map[string]string{}, stats: map[string]*wireStats{}}
	w.base.MaxIdleConnsPerHost = 16
	for name, raw := range map[string]string{"sheets": f.sheets.URL, "trello": f.trello.URL, "mailgun": f.mail.URL} {
		u, _ := url.Parse(raw)
		w.vendor[u.Host] = name
		w.stats[name] = &wireStats{}
	}
	return w
}

// client is an HTTP client for the app with the given timeout.
func (w *wire) client(timeout time.Duration) *http.Client {
	return &http.Client{Transport: w, Timeout: timeout}
}

func (w *wire) RoundTrip(req *http.Request) (*http.Response, error) {
	s := w.stats[w.vendor[req.URL.Host]]
	if s == nil {
		return w.base.RoundTrip(req)
	}
	w.mu.Lock()
	s.requests++
	s.inFlight++
	w.mu.Unlock()
	resp, err := w.base.RoundTrip(req)
	w.mu.Lock()
	defer w.mu.Unlock()
	s.inFlight--
	switch {
	case err != nil:
		s.noAnswer++
	case resp.StatusCode == http.StatusServiceUnavailable:
		s.unavailable++
	case resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("Retry-After") != "":
		s.rateLimited++
	case resp.StatusCode == http.StatusTooManyRequests:
		s.throttled++
	case resp.StatusCode == http.StatusInternalServerError:
		s.failedAfterCommit++
	}
	return resp, err
}

func (w *wire) inFlight(vendor string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.stats[vendor].inFlight
}

// logFaults reports the faults each fake answered with.
func (w *wire) logFaults(tb testing.TB) {
	tb.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, name := range []string{"sheets", "trello", "mailgun"} {
		s := w.stats[name]
		faults := s.unavailable + s.rateLimited + s.failedAfterCommit + s.noAnswer
		tb.Logf("%-7s %4d requests, %3d faults: %d×503, %d×429, %d×no answer (Slow), %d×500 after the write; %d×429 over the rate limit",
			name, s.requests, faults, s.unavailable, s.rateLimited, s.noAnswer, s.failedAfterCommit, s.throttled)
	}
}

// crashableApp is the whole app served on a loopback address, with its
// runner run here rather than by App.Serve, so that a test can also kill it
// as a crash would.
type crashableApp struct {
	*App
	URL  string
	Stop func() // gentle, as SIGTERM: requests and batches in flight finish
	Kill func() // abrupt: workers' context cancelled, connections cut, nothing recorded
}

func startCrashableApp(tb testing.TB, dbURL, addr string, opts AppOptions, env ...string) *crashableApp {
	tb.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		tb.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	cfg, err := LoadConfig(append([]string{"REGISTRAR_DATABASE_URL=" + dbURL, "REGISTRAR_BASE_URL=" + base, "REGISTRAR_SIGNUP_RATE_LIMIT=0"}, env...))
	if err != nil {
		ln.Close()
		tb.Fatal(err)
	}
	app, err := NewApp(tb.Context(), cfg, testLogger(), workflows.ClockFunc(time.Now), opts)
	if err != nil {
		ln.Close()
		tb.Fatal(err)
	}
	hs := &http.Server{Handler: app.Handler, ReadHeaderTimeout: 10 * time.Second}
	ctx, cancel := context.WithCancel(context.WithoutCancel(tb.Context()))
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { app.Runner.Run(ctx) })
	wg.Go(func() {
		if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			tb.Errorf("serve: %v", err)
		}
	})
	go func() { wg.Wait(); close(done) }()
	var once sync.Once
	end := func(gentle bool) {
		once.Do(func() {
			if gentle {
				sctx, scancel := context.WithTimeout(context.Background(), 20*time.Second)
				defer scancel()
				_ = hs.Shutdown(sctx)
				if err := app.Runner.Shutdown(sctx); err != nil {
					tb.Errorf("runner shutdown: %v", err)
				}
			}
			cancel()
			hs.Close()
			// A dead process runs nothing more: wait for the workers to
			// notice their context before the database handle goes.
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				tb.Errorf("workers still running 30 s after their context was cancelled")
			}
			app.Close()
		})
	}
	tb.Cleanup(func() { end(true) })
	return &crashableApp{App: app, URL: base, Stop: func() { end(true) }, Kill: func() { end(false) }}
}

// testLogger discards the app's log unless REGISTRAR_TEST_LOG names a level
// (debug, info, warn, error), then writes it to stderr.
func testLogger() *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(os.Getenv("REGISTRAR_TEST_LOG"))); err != nil || os.Getenv("REGISTRAR_TEST_LOG") == "" {
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
}
