package workflows

import (
	"testing"
	"time"
)

// TestNewIDStartsWithItsTime checks NewID's layout: 16 characters of the
// same alphabet as ever, the creation time in the first 40 bits (what keeps
// new rows together in the indexes), and no repeats among many made at once.
func TestNewIDStartsWithItsTime(t *testing.T) {
	before := time.Since(idEpoch).Milliseconds()
	seen := map[string]bool{}
	for range 100_000 {
		id := NewID()
		if len(id) != 16 {
			t.Fatalf("%q: %d characters, want 16", id, len(id))
		}
		if seen[id] {
			t.Fatalf("%q made twice", id)
		}
		seen[id] = true
	}
	after := time.Since(idEpoch).Milliseconds()
	b, err := idEncoding.DecodeString(NewID())
	if err != nil {
		t.Fatal(err)
	}
	ms := int64(b[0])<<32 | int64(b[1])<<24 | int64(b[2])<<16 | int64(b[3])<<8 | int64(b[4])
	if ms < before || ms > after+1 {
		t.Errorf("time in the ID = %d ms after the epoch, want between %d and %d", ms, before, after+1)
	}
}
