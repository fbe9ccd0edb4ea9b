package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// result is one server's figures.
type result struct {
	label     string
	rate      float64 // successful requests per second
	p50, p99  time.Duration
	ok, errs  int
	rssKB     int
	cpu       time.Duration // server CPU per successful request while driven and settling
	queued    int           // emails still queued when the stretches ended
	settle    time.Duration // time to send them
	sustained float64       // successful requests per second, counting settle
}

func (r result) print() {
	fmt.Printf("%-22s %10.0f %9s %9s %7d %6d MB %9s\n", r.label, r.rate, r.p50.Round(100*time.Microsecond),
		r.p99.Round(100*time.Microsecond), r.errs, r.rssKB/1024, r.cpu.Round(time.Microsecond))
}

// samples are the outcomes of a stretch of load.
type samples struct {
	lat      []time.Duration
	errs     int
	dur      time.Duration
	cpu      time.Duration // the server's CPU meanwhile, and while it settled
	queued   int           // emails still queued at the end
	settle   time.Duration // time to send them
	firstErr string
}

func (s *samples) add(o samples) {
	s.lat, s.errs, s.dur, s.cpu = append(s.lat, o.lat...), s.errs+o.errs, s.dur+o.dur, s.cpu+o.cpu
	s.queued, s.settle = s.queued+o.queued, s.settle+o.settle
	if s.firstErr == "" {
		s.firstErr = o.firstErr
	}
}

func (s samples) result(label string, rssKB int) result {
	if s.firstErr != "" {
		fmt.Printf("  %s, first error: %s\n", label, s.firstErr)
	}
	slices.Sort(s.lat)
	r := result{label: label, rssKB: rssKB, ok: len(s.lat), errs: s.errs, rate: float64(len(s.lat)) / s.dur.Seconds(),
		queued: s.queued, settle: s.settle, sustained: float64(len(s.lat)) / (s.dur + s.settle).Seconds()}
	if len(s.lat) > 0 {
		r.p50, r.p99 = s.lat[len(s.lat)/2], s.lat[len(s.lat)*99/100]
		r.cpu = s.cpu / time.Duration(len(s.lat))
	}
	return r
}

// driver posts unique student sign-ups to one server.
type driver struct {
	client *http.Client
	target string
	tag    string
	seq    atomic.Int64
}

func newDriver(base, tag string, concurrency int) *driver {
	tr := &http.Transport{MaxIdleConns: concurrency * 2, MaxIdleConnsPerHost: concurrency * 2, IdleConnTimeout: time.Minute}
	return &driver{target: base + "/events/" + slug + "/students", tag: tag,
		client: &http.Client{Transport: tr, Timeout: 30 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// drive keeps concurrency clients posting for d. A 303 is a success,
// anything else an error; requests cut off by the end are neither.
func (dr *driver) drive(ctx context.Context, concurrency int, d time.Duration) samples {
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		all samples
	)
	began := time.Now()
	runCtx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	for range concurrency {
		wg.Go(func() {
			var mine samples
			for runCtx.Err() == nil {
				n := dr.seq.Add(1)
				form := url.Values{"name": {"Ada Lovelace " + strconv.FormatInt(n, 10)},
					"email": {fmt.Sprintf("%s-%d@example.org", dr.tag, n)}, "company": {"Engines"}, "irc": {"ada"},
					"timezone": {"Europe/London"}, "project": {"nova"}, "experience": {"some git"}, "goals": {"a first patch"}}
				start := time.Now()
				status, err := post(runCtx, dr.client, dr.target, form.Encode())
				if runCtx.Err() != nil {
					break
				}
				if err != nil || status != http.StatusSeeOther {
					mine.errs++
					if mine.firstErr == "" {
						// When in the stretch it came says whether it met a
						// connection left idle since the previous stretch.
						mine.firstErr = fmt.Sprintf("status %d, %v, after %s of the stretch, the request took %s",
							status, err, start.Sub(began).Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
					}
					continue
				}
				mine.lat = append(mine.lat, time.Since(start))
			}
			mu.Lock()
			all.add(mine)
			mu.Unlock()
		})
	}
	wg.Wait()
	// The next stretch starts on new connections: these would sit idle
	// through the other server's stretch, and in one run of about a dozen
	// four requests to the bare baseline reusing them at a stretch's start
	// met EOF (as did one request to Registrar in another run, when is
	// not known).
	dr.client.CloseIdleConnections()
	all.dur = d
	return all
}

func post(ctx context.Context, c *http.Client, target, body string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}
