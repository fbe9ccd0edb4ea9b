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
	label    string
	rate     float64 // successful requests per second
	p50, p99 time.Duration
	ok, errs int
	rssKB    int
}

func (r result) print() {
	fmt.Printf("%-22s %10.0f %9s %9s %7d %6d MB\n", r.label, r.rate, r.p50.Round(100*time.Microsecond),
		r.p99.Round(100*time.Microsecond), r.errs, r.rssKB/1024)
}

// drive posts unique student sign-ups to base with o.concurrency clients:
// o.warmup unmeasured, then o.duration measured. A 303 is a success,
// anything else an error.
func drive(ctx context.Context, o options, base, slug, tag string) result {
	tr := &http.Transport{MaxIdleConns: o.concurrency * 2, MaxIdleConnsPerHost: o.concurrency * 2, IdleConnTimeout: time.Minute}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	target := base + "/events/" + slug + "/students"
	var (
		seq       atomic.Int64
		measuring atomic.Bool
		wg        sync.WaitGroup
		mu        sync.Mutex
		lat       []time.Duration
		errs      int
		firstErr  string
	)
	runCtx, cancel := context.WithTimeout(ctx, o.warmup+o.duration)
	defer cancel()
	time.AfterFunc(o.warmup, func() { measuring.Store(true) })
	for range o.concurrency {
		wg.Go(func() {
			var mine []time.Duration
			bad := 0
			for runCtx.Err() == nil {
				n := seq.Add(1)
				form := url.Values{"name": {"Ada Lovelace " + strconv.FormatInt(n, 10)},
					"email": {fmt.Sprintf("%s-%d@example.org", tag, n)}, "company": {"Engines"}, "irc": {"ada"},
					"timezone": {"Europe/London"}, "project": {"nova"}, "experience": {"some git"}, "goals": {"a first patch"}}
				start := time.Now()
				status, err := post(runCtx, client, target, form.Encode())
				if runCtx.Err() != nil {
					break // cut off by the end of the run: neither success nor error
				}
				if !measuring.Load() {
					continue
				}
				if err != nil || status != http.StatusSeeOther {
					bad++
					mu.Lock()
					if firstErr == "" {
						firstErr = fmt.Sprintf("status %d, %v", status, err)
					}
					mu.Unlock()
					continue
				}
				mine = append(mine, time.Since(start))
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			mu.Unlock()
		})
	}
	wg.Wait()
	if firstErr != "" {
		fmt.Printf("  first error: %s\n", firstErr)
	}
	slices.Sort(lat)
	r := result{ok: len(lat), errs: errs, rate: float64(len(lat)) / o.duration.Seconds()}
	if len(lat) > 0 {
		r.p50, r.p99 = lat[len(lat)/2], lat[len(lat)*99/100]
	}
	return r
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
