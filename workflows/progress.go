package workflows

import (
	"fmt"
	"time"
)

// Colour is how a mentee's progress looks at a glance.
type Colour string

const (
	ColourGreen Colour = "green" // progress within the last week, or still in the grace week
	ColourAmber Colour = "amber" // 8 to 14 days without progress
	ColourRed   Colour = "red"   // more than 14 days without progress
)

// Thresholds of the progress colours, in whole days since the last progress.
const (
	GreenDays = 7
	AmberDays = 14
	GraceDays = 7 // after pairing, nobody is stalled yet
)

// Progress is how long a pairing has gone without progress and what that means.
type Progress struct {
	Days   int // whole days since the last progress (or since pairing, when none yet)
	Colour Colour
	Grace  bool   // still within the first week after pairing
	Reason string // the colour in words, for people and screen readers
}

// ProgressAt judges a pairing at now. lastProgress is the latest step done or
// check-in (zero when none yet). Both the mentor dashboard and the
// organizers' progress board use it, so they never disagree.
func ProgressAt(now, pairedAt, lastProgress time.Time) Progress {
	since, what := lastProgress, "last progress"
	if lastProgress.IsZero() || lastProgress.Before(pairedAt) {
		since, what = pairedAt, "pairing, with no step or check-in yet"
	}
	p := Progress{Days: wholeDays(now.Sub(since))}
	if now.Sub(pairedAt) < GraceDays*24*time.Hour {
		p.Colour, p.Grace = ColourGreen, true
		p.Reason = fmt.Sprintf("Paired %s: in the first week, nobody is behind yet.", daysAgo(wholeDays(now.Sub(pairedAt))))
		return p
	}
	switch {
	case p.Days <= GreenDays:
		p.Colour = ColourGreen
	case p.Days <= AmberDays:
		p.Colour = ColourAmber
	default:
		p.Colour = ColourRed
	}
	p.Reason = fmt.Sprintf("%s since %s.", capitalise(dayCount(p.Days)), what)
	return p
}

func wholeDays(d time.Duration) int {
	if d < 0 {
		return 0
	}
	return int(d / (24 * time.Hour))
}

func dayCount(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

func daysAgo(n int) string {
	if n == 0 {
		return "today"
	}
	return dayCount(n) + " ago"
}

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// Staleness is ProgressAt for callers that need only the colour and why.
func Staleness(now, pairedAt, lastProgress time.Time) (Colour, string) {
	p := ProgressAt(now, pairedAt, lastProgress)
	return p.Colour, p.Reason
}
