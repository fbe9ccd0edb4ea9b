package web

import (
	"testing"
	"time"
)

// TestLimiterBounded: past its key cap the limiter forgets the key idle
// longest, and keys idle for two periods go on their own.
func TestLimiterBounded(t *testing.T) {
	l := newKeyedLimiter[int](1, time.Minute)
	l.max = 3
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for k := range 5 {
		l.allow(k, at.Add(time.Duration(k)*time.Second))
	}
	if n := l.len(); n != 3 {
		t.Fatalf("%d keys, want the cap of 3", n)
	}
	if ok, _ := l.allow(4, at.Add(5*time.Second)); ok {
		t.Fatal("key 4 used its one event already, yet is allowed again")
	}
	if ok, _ := l.allow(0, at.Add(6*time.Second)); !ok {
		t.Fatal("key 0 was forgotten, so it starts with a full bucket")
	}
	l.allow(9, at.Add(3*time.Minute))
	if n := l.len(); n != 1 {
		t.Fatalf("%d keys after everyone else was idle two periods, want 1", n)
	}
}
