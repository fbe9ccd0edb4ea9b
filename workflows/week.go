package workflows

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// ISOWeek is an ISO 8601 week (Monday to Sunday) written like 2027-W05, the
// form the week field and the database use; zero-padded, so weeks sort and
// compare as strings. Check-ins are kept per week in the event's time zone:
// one written late on a Sunday in Auckland counts for that Auckland week,
// whatever the UTC date.
type ISOWeek string

// WeekOf returns the ISO week holding t as a calendar in loc sees it.
func WeekOf(t time.Time, loc *time.Location) ISOWeek {
	y, w := t.In(loc).ISOWeek()
	return makeWeek(y, w)
}

func makeWeek(year, number int) ISOWeek { return ISOWeek(fmt.Sprintf("%04d-W%02d", year, number)) }

var weekPattern = regexp.MustCompile(`^([0-9]{4})-W([0-9]{2})$`)

// ParseWeek reads an ISO week written like 2027-W05. Week 53 exists only in
// years that have one.
func ParseWeek(s string) (ISOWeek, bool) {
	y, n, ok := splitWeek(s)
	if !ok || y < 1 || n < 1 || n > weeksIn(y) {
		return "", false
	}
	return ISOWeek(s), true
}

func splitWeek(s string) (year, number int, ok bool) {
	m := weekPattern.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	year, _ = strconv.Atoi(m[1])
	number, _ = strconv.Atoi(m[2])
	return year, number, true
}

// weeksIn is 52 or 53: 28 December always falls in a year's last week.
func weeksIn(year int) int {
	_, w := time.Date(year, time.December, 28, 12, 0, 0, 0, time.UTC).ISOWeek()
	return w
}

func (w ISOWeek) String() string { return string(w) }

// Monday returns the first day of w as a date (the zero Date when w is not a week).
func (w ISOWeek) Monday() Date {
	y, n, ok := splitWeek(string(w))
	if !ok {
		return Date{}
	}
	jan4 := time.Date(y, time.January, 4, 12, 0, 0, 0, time.UTC) // always in week 1
	offset := (int(jan4.Weekday()) + 6) % 7                      // days since Monday
	d := jan4.AddDate(0, 0, (n-1)*7-offset)
	return Date{d.Year(), int(d.Month()), d.Day()}
}

// Start returns midnight of w's Monday in loc (calendar arithmetic, so a DST
// change inside the week moves nothing).
func (w ISOWeek) Start(loc *time.Location) time.Time { return w.Monday().In(loc) }

// WeeksBetween counts whole weeks from w to later (0 when the same week).
func (w ISOWeek) WeeksBetween(later ISOWeek) int {
	a, b := w.Monday().In(time.UTC), later.Monday().In(time.UTC)
	return int(b.Sub(a).Hours()+12) / (24 * 7)
}

// CheckWeek says whether a check-in may be written for week w: not a week
// that has not started yet in loc at now, and not one before the pairing
// began. The error is Invalid on the field "week".
func CheckWeek(w ISOWeek, now, pairedAt time.Time, loc *time.Location) error {
	v := Violations{}
	current, first := WeekOf(now, loc), WeekOf(pairedAt, loc)
	v.Check(w <= current, "week", fmt.Sprintf("Week %s has not started yet: choose this week (%s) or an earlier one.", w, current))
	v.Check(w >= first, "week", fmt.Sprintf("You were paired in week %s: choose that week or a later one.", first))
	return v.Err()
}

// CheckInExpected says whether a pairing that began at started owes a
// check-in for week (in the event's zone loc). The week it began in is a
// grace week, as on the progress page: a check-in may be recorded for it,
// but it is never due, reminded or missed (whether the pairing began before
// or after that week's reminder time). Every later week is expected.
func CheckInExpected(week ISOWeek, started time.Time, loc *time.Location) bool {
	return WeekOf(started, loc) < week
}
