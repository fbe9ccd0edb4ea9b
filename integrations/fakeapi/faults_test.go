package fakeapi_test

import (
	"testing"
	"time"

	"registrar/integrations/fakeapi"
)

func TestScriptedFaultsComeFirstAndMatchTheirOperation(t *testing.T) {
	f := fakeapi.NewInjector(1)
	f.Script(fakeapi.Fault{Kind: fakeapi.Slow, Op: "values.append"}, fakeapi.Fault{Kind: fakeapi.Fail5xx})
	steps := []struct {
		op   string
		want fakeapi.Kind
		ok   bool
	}{
		{"values.get", fakeapi.Fail5xx, true}, // the any-op fault; the append fault waits for its op
		{"values.get", 0, false},
		{"values.append", fakeapi.Slow, true},
		{"values.append", 0, false},
	}
	for i, s := range steps {
		got, ok := f.Next(s.op)
		if ok != s.ok || got.Kind != s.want {
			t.Fatalf("step %d (%s): %v %v, want %v %v", i, s.op, got.Kind, ok, s.want, s.ok)
		}
	}
	if f.Pending() != 0 {
		t.Fatalf("pending = %d, want 0", f.Pending())
	}
}

func TestRandomFaultsAreSeededAndNearTheirRate(t *testing.T) {
	count := func(seed uint64) (n int, first []bool) {
		f := fakeapi.NewInjector(seed)
		f.Random(0.3, fakeapi.Fail5xx, fakeapi.RateLimit)
		for i := range 10_000 {
			_, ok := f.Next("op")
			if ok {
				n++
			}
			if i < 20 {
				first = append(first, ok)
			}
		}
		return n, first
	}
	n, a := count(7)
	_, b := count(7)
	if n < 2700 || n > 3300 {
		t.Errorf("faults = %d of 10000, want about 3000", n)
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatal("the same seed gave different faults")
		}
	}
}

func TestRetryAfterSeconds(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want int
	}{{0, 1}, {time.Second, 1}, {1500 * time.Millisecond, 2}, {time.Minute, 60}} {
		if got := (fakeapi.Fault{RetryAfter: tt.d}).RetryAfterSeconds(); got != tt.want {
			t.Errorf("RetryAfter %s → %d, want %d", tt.d, got, tt.want)
		}
	}
}
