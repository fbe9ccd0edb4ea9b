package jobs

import (
	"math"
	"time"
)

// Backoff returns the wait before the next try after failures consecutive
// failures: exponential from base, capped at max, with jitter in [½, 1] of
// that so a crowd of failed jobs does not retry in step. rnd is in [0, 1).
// A vendor's Retry-After is a floor.
func Backoff(failures int, base, max time.Duration, rnd float64, retryAfter time.Duration) time.Duration {
	if failures < 1 {
		failures = 1
	}
	d := float64(base) * math.Pow(2, float64(failures-1))
	if d > float64(max) || math.IsInf(d, 0) {
		d = float64(max)
	}
	wait := time.Duration(d/2 + d/2*rnd)
	return maxDuration(wait, retryAfter)
}

func maxDuration(a, b time.Duration) time.Duration {
	if a > b {
		return a
	}
	return b
}
