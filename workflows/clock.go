package workflows

import "time"

// Clock tells the time. The domain never reads the wall clock itself, so tests
// can fix or advance it.
type Clock interface {
	Now() time.Time
}

// ClockFunc adapts a function such as time.Now to a Clock.
type ClockFunc func() time.Time

func (f ClockFunc) Now() time.Time { return f().UTC() }
