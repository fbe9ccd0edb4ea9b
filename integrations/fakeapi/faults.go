package fakeapi

import (
	"math/rand/v2"
	"sync"
	"time"
)

// Kind is one way a request fails.
type Kind int

const (
	// Fail5xx answers 503 before applying anything.
	Fail5xx Kind = iota + 1
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
	Kind Kind
	// Op limits the fault to one operation, e.g. "cards.create" (each fake
	// documents its operation names); empty matches any request.
	Op string
	// RetryAfter is sent with RateLimit; zero means one second.
	RetryAfter time.Duration
}

// RetryAfterSeconds is the Retry-After value for a RateLimit fault.
func (f Fault) RetryAfterSeconds() int {
	if f.RetryAfter <= 0 {
		return 1
	}
	return int((f.RetryAfter + time.Second - 1) / time.Second)
}

// Injector decides, request by request, how a fake fails: from a scripted
// queue first, then at random with a seeded generator, so a failing run can
// be repeated. It is safe for concurrent use.
type Injector struct {
	mu    sync.Mutex
	queue []Fault
	p     float64
	kinds []Kind
	rng   *rand.Rand
}

// NewInjector returns an injector that injects nothing until told to.
func NewInjector(seed uint64) *Injector {
	return &Injector{rng: rand.New(rand.NewPCG(seed, seed))}
}

// Script queues faults; each hits the next request matching its Op.
func (f *Injector) Script(fs ...Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queue = append(f.queue, fs...)
}

// Random fails each request with probability p, with a kind among kinds;
// p = 0 turns random faults off.
func (f *Injector) Random(p float64, kinds ...Kind) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.p, f.kinds = p, kinds
}

// Pending is the number of scripted faults not yet used.
func (f *Injector) Pending() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.queue)
}

// Next returns the fault for a request of operation op, if any.
func (f *Injector) Next(op string) (Fault, bool) {
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
