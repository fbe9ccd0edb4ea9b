package workflows

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Week is an ISO 8601 week (Monday to Sunday). Check-ins are kept per week
// in the event's time zone, so a check-in written late on a Sunday in
// Auckland counts for that Auckland week, whatever the UTC date.
type Week struct{ Year, Number int }

// WeekOf returns the ISO week holding t as a calendar in loc sees it.
func WeekOf(t time.Time, loc *time.Location) Week {
	y, w := t.In(loc).ISOWeek()
	return Week{y, w}
}

var weekPattern = regexp.MustCompile(`^([0-9]{4})-W([0-9]{2})$`)

// ParseWeek reads an ISO week written like 2027-W05. Week 53 exists only in
// years that have one.
func ParseWeek(s string) (Week, bool) {
	m := weekPattern.FindStringSubmatch(s)
	if m == nil {
		return Week{}, false
	}
	y, _ := strconv.Atoi(m[1])
	n, _ := strconv.Atoi(m[2])
	if y < 1 || n < 1 || n > weeksIn(y) {
		return Week{}, false
	}
	return Week{y, n}, true
}

// weeksIn is 52 or 53: 28 December always falls in a year's last week.
func weeksIn(year int) int {
	_, w := time.Date(year, time.December, 28, 12, 0, 0, 0, time.UTC).ISOWeek()
	return w
}

func (w Week) String() string { return fmt.Sprintf("%04d-W%02d", w.Year, w.Number) }

// IsZero reports whether w is unset.
func (w Week) IsZero() bool { return w == Week{} }

// Compare returns -1, 0 or +1 as w is before, equal to or after o.
func (w Week) Compare(o Week) int {
	switch {
	case w.Year != o.Year:
		return cmpInt(w.Year, o.Year)
	default:
		return cmpInt(w.Number, o.Number)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Monday returns the first day of w as a date.
func (w Week) Monday() Date {
	// 4 January is always in week 1.
	jan4 := time.Date(w.Year, time.January, 4, 12, 0, 0, 0, time.UTC)
	offset := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	d := jan4.AddDate(0, 0, (w.Number-1)*7-offset)
	return Date{d.Year(), int(d.Month()), d.Day()}
}

// Start returns midnight of w's Monday in loc (calendar arithmetic, so a DST
// change inside the week moves nothing).
func (w Week) Start(loc *time.Location) time.Time { return w.Monday().In(loc) }

// WeeksBetween counts whole weeks from w to later (0 when the same week).
func (w Week) WeeksBetween(later Week) int {
	a, b := w.Monday().In(time.UTC), later.Monday().In(time.UTC)
	return int(b.Sub(a).Hours()+12) / (24 * 7)
}

// CheckWeek says whether a check-in may be written for week w: not a week
// that has not started yet in loc at now, and not one before the pairing
// began. The error is Invalid on the field "week".
func CheckWeek(w Week, now, pairedAt time.Time, loc *time.Location) error {
	v := Violations{}
	current, first := WeekOf(now, loc), WeekOf(pairedAt, loc)
	v.Check(w.Compare(current) <= 0, "week", fmt.Sprintf("Week %s has not started yet: choose this week (%s) or an earlier one.", w, current))
	v.Check(w.Compare(first) >= 0, "week", fmt.Sprintf("You were paired in week %s: choose that week or a later one.", first))
	return v.Err()
}
