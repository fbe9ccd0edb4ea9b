package mailguntest

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"
)

// FaultKind is one way a request fails.
type FaultKind int

const (
	// Fail5xx answers 503 before applying anything.
	Fail5xx FaultKind = iota + 1
	// RateLimit answers 429 with Retry-After before applying anything.
	RateLimit
	// Slow applies the request, then answers only when the client gives up:
	// the caller sees a timeout although the write happened.
	Slow
	// FailAfterCommit applies the request, then answers 500.
	FailAfterCommit
)

// Fault is one scripted failure.
type Fault struct {
	Kind FaultKind
	// Op limits the fault to one operation, e.g. "messages.send" (see the
	// package documentation); empty matches any request.
	Op string
	// RetryAfter is sent with RateLimit; zero means one second.
	RetryAfter time.Duration
}

// faults decides, per request, whether and how it fails: first from the
// scripted queue, then at random with a seeded generator.
type faults struct {
	mu    sync.Mutex
	queue []Fault
	p     float64
	kinds []FaultKind
	rng   *rand.Rand
}

func newFaults(seed uint64) *faults {
	return &faults{rng: rand.New(rand.NewPCG(seed, seed))}
}

func (f *faults) script(fs ...Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queue = append(f.queue, fs...)
}

func (f *faults) random(p float64, kinds ...FaultKind) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.p, f.kinds = p, kinds
}

func (f *faults) pending() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.queue)
}

// next returns the fault for a request of operation op, if any.
func (f *faults) next(op string) (Fault, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, q := range f.queue {
		if q.Op == "" || q.Op == op {
			f.queue = append(f.queue[:i:i], f.queue[i+1:]...)
			return q, true
		}
	}
	if f.p > 0 && len(f.kinds) > 0 && f.rng.Float64() < f.p {
		return Fault{Kind: f.kinds[f.rng.IntN(len(f.kinds))], Op: op}, true
	}
	return Fault{}, false
}

// retryAfterSeconds is the Retry-After value for a RateLimit fault.
func (f Fault) retryAfterSeconds() int {
	if f.RetryAfter <= 0 {
		return 1
	}
	return int((f.RetryAfter + time.Second - 1) / time.Second)
}

// hang waits until the client gives up or the server stops.
func hang(ctx context.Context, stop <-chan struct{}) {
	select {
	case <-ctx.Done():
	case <-stop:
	}
}
