package workflows

import (
	"fmt"
	"time"
)

// Reminders are set in wall-clock time in a named zone ("10:00 in
// Europe/Berlin"), never as fixed offsets in UTC, so a daylight-saving change
// does not move them by an hour.
//
// Two local times need a policy, because Go's time.Date leaves them
// unspecified:
//   - a time that does not exist (the clock springs forward over it, e.g.
//     02:30 on the last Sunday of March in Berlin) is moved to the first
//     instant after the gap (03:00 CEST);
//   - a time that happens twice (the clock falls back, e.g. 02:30 on the last
//     Sunday of October in Berlin) is the first occurrence (02:30 CEST, the
//     earlier instant).

// WallClock returns the instant at which the clocks of loc show day at
// minute minutes after midnight, resolving gaps and repeats as above.
func WallClock(day Date, minute int, loc *time.Location) time.Time {
	h, m := minute/60, minute%60
	t := time.Date(day.Year, time.Month(day.Month), day.Day, h, m, 0, 0, loc)
	if t.Hour() != h || t.Minute() != m || t.Day() != day.Day {
		// In a gap: the transition instant is the first one after it. Go may
		// have answered on either side of the gap, so take the bound of the
		// zone period t falls in that faces the gap.
		start, end := t.ZoneBounds()
		wall := time.Date(day.Year, time.Month(day.Month), day.Day, h, m, 0, 0, time.UTC)
		if asUTC(t).Before(wall) {
			return end
		}
		return start
	}
	// A repeat: the same wall clock read with the offset of the zone period
	// before t's is an earlier instant that still shows the same time.
	start, _ := t.ZoneBounds()
	if start.IsZero() {
		return t
	}
	_, prevOffset := start.Add(-time.Nanosecond).Zone()
	wall := time.Date(day.Year, time.Month(day.Month), day.Day, h, m, 0, 0, time.UTC)
	earlier := wall.Add(-time.Duration(prevOffset) * time.Second)
	if earlier.Before(t) && earlier.Before(start) {
		if e := earlier.In(loc); e.Hour() == h && e.Minute() == m {
			return e
		}
	}
	return t
}

// asUTC reads t's wall clock as if it were UTC, to compare wall clocks.
func asUTC(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// DateOf is the calendar day t falls on in loc.
func DateOf(t time.Time, loc *time.Location) Date {
	l := t.In(loc)
	return Date{l.Year(), int(l.Month()), l.Day()}
}

// AddDays returns the day n days after d (before, for negative n).
func (d Date) AddDays(n int) Date {
	t := d.In(time.UTC).AddDate(0, 0, n)
	return Date{t.Year(), int(t.Month()), t.Day()}
}

// Weekday is the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.In(time.UTC).Weekday() }

// ISOWeek names the ISO 8601 week d falls in, e.g. "2026-W03": the period
// of weekly reminders.
func (d Date) ISOWeek() string {
	y, w := d.In(time.UTC).ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// InISOWeekOf returns the day of d's ISO week (Monday first) that falls on wd.
func (d Date) InISOWeekOf(wd time.Weekday) Date {
	// Days since Monday, with Sunday last (ISO 8601).
	iso := func(w time.Weekday) int { return (int(w) + 6) % 7 }
	return d.AddDays(iso(wd) - iso(d.Weekday()))
}

// LoadZone returns the named zone, UTC when the name is unknown (a person
// who never set one).
func LoadZone(name string) *time.Location {
	if name == "" {
		return time.UTC
	}
	if l, err := LoadLocation(name); err == nil {
		return l
	}
	return time.UTC
}
