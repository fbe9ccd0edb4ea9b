package quota_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"registrar/integrations/quota"
	"registrar/workflows"
)

func TestParseRate(t *testing.T) {
	tests := []struct {
		in   string
		want quota.Rate
		bad  bool
	}{
		{in: "88/10s", want: quota.Rate{N: 88, Per: 10 * time.Second}},
		{in: " 59/1m ", want: quota.Rate{N: 59, Per: time.Minute}},
		{in: "1/250ms", want: quota.Rate{N: 1, Per: 250 * time.Millisecond}},
		{in: "88", bad: true},
		{in: "0/10s", bad: true},
		{in: "-3/10s", bad: true},
		{in: "10/0s", bad: true},
		{in: "10/ten", bad: true},
	}
	for _, tt := range tests {
		got, err := quota.ParseRate(tt.in)
		if (err != nil) != tt.bad || got != tt.want {
			t.Errorf("ParseRate(%q) = %v, %v; want %v (error: %v)", tt.in, got, err, tt.want, tt.bad)
		}
	}
}

func TestNameHidesTheCredential(t *testing.T) {
	n := quota.Name("trello", "secret-token")
	if n == quota.Name("trello", "other-token") || len(n) != len("trello:")+24 || n[:7] != "trello:" {
		t.Errorf("Name = %q: want trello: and a hash that differs per token", n)
	}
	for i := 0; i+len("secret") <= len(n); i++ {
		if n[i:i+len("secret")] == "secret" {
			t.Errorf("Name %q holds the token", n)
		}
	}
}

// slots is a Store whose ReserveSlot answers from a script and records what
// it was asked.
type slots struct {
	mu      sync.Mutex
	answers []slot
	asked   []time.Duration // maxWait of each call
	every   time.Duration
	burst   int
}

type slot struct {
	wait time.Duration
	ok   bool
	err  error
}

func (s *slots) ReserveSlot(_ context.Context, _ string, _ time.Time, every time.Duration, burst int, maxWait time.Duration) (time.Duration, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.asked, s.every, s.burst = append(s.asked, maxWait), every, burst
	a := s.answers[0]
	s.answers = s.answers[1:]
	return a.wait, a.ok, a.err
}

func (s *slots) AcquireLease(context.Context, string, string, time.Time, time.Time) (bool, error) {
	return false, errors.New("not scripted")
}

func (s *slots) RenewLease(context.Context, string, string, time.Time, time.Time) (bool, error) {
	return false, errors.New("not scripted")
}
func (s *slots) ReleaseLease(context.Context, string, string) error { return nil }

func TestBudgetWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &slots{answers: []slot{{0, true, nil}, {300 * time.Millisecond, true, nil}, {2 * time.Second, false, nil},
			{0, false, errors.New("database gone")}, {time.Second, true, nil}}}
		b := quota.NewBudget(store, workflows.ClockFunc(time.Now), "trello:x", quota.Rate{N: 88, Per: 10 * time.Second})
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()

		start := time.Now()
		if err := b.Wait(ctx); err != nil || time.Since(start) != 0 {
			t.Fatalf("a slot now: err %v after %s, want at once", err, time.Since(start))
		}
		if store.every != 125*time.Millisecond || store.burst != 8 {
			t.Errorf("88/10s as a bucket: one every %s, burst %d; want 125ms and 8 (88 in any 10 s)", store.every, store.burst)
		}
		if store.asked[0] != time.Second {
			t.Errorf("maxWait %s, want the time left before ctx's deadline (1s)", store.asked[0])
		}
		if err := b.Wait(ctx); err != nil || time.Since(start) != 300*time.Millisecond {
			t.Fatalf("a slot in 300ms: err %v after %s", err, time.Since(start))
		}
		err := b.Wait(ctx)
		if workflows.KindOf(err) != workflows.Unavailable || workflows.RetryAfterOf(err) != 2*time.Second {
			t.Errorf("no slot before the deadline: %v (retry after %s), want Unavailable, retry after 2s", err, workflows.RetryAfterOf(err))
		}
		if err := b.Wait(ctx); workflows.KindOf(err) != workflows.Unavailable {
			t.Errorf("store failing: %v, want Unavailable", err)
		}
		cancel() // while waiting for a reserved slot
		if err := b.Wait(ctx); workflows.KindOf(err) != workflows.Unavailable || !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled while waiting: %v, want Unavailable wrapping context.Canceled", err)
		}
	})
}

// TestRateNeverExceedsWindow checks the bucket behind each rate: its burst
// plus what refills in one window is at most N.
func TestRateNeverExceedsWindow(t *testing.T) {
	for _, r := range []quota.Rate{{88, 10 * time.Second}, {59, time.Minute}, {100, 10 * time.Second}, {1, time.Second}, {10, time.Second}, {9, time.Second}} {
		store := &slots{answers: []slot{{0, true, nil}}}
		if err := quota.NewBudget(store, workflows.ClockFunc(time.Now), "x", r).Wait(t.Context()); err != nil {
			t.Fatal(err)
		}
		if most := store.burst + int(r.Per/store.every); most > r.N || store.burst < 1 {
			t.Errorf("%s: burst %d and one every %s let %d into a window", r, store.burst, store.every, most)
		}
	}
}
