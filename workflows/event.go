package workflows

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one training cohort people sign up for.
type Event struct {
	ID              string
	Slug            string
	Title           string
	Location        string
	Timezone        string // IANA zone the dates are in
	StartsOn        Date
	EndsOn          Date
	StudentCapacity int
	MentorCapacity  int
	// OpensAt and ClosesAt bound the registration window; zero means no bound
	// (closing defaults to the start of the event's last day).
	OpensAt  time.Time
	ClosesAt time.Time
	Closed   bool // closed by hand by an organizer
	Created  time.Time
}

// Capacity returns the seats for role.
func (e Event) Capacity(role Role) int {
	if role == RoleMentor {
		return e.MentorCapacity
	}
	return e.StudentCapacity
}

// Location returns the event's time zone, UTC when unknown.
func (e Event) loc() *time.Location {
	if l, err := LoadLocation(e.Timezone); err == nil {
		return l
	}
	return time.UTC
}

// RegistrationCloses is when sign-up stops: the explicit close, or the end of
// the event's last day in its own time zone.
func (e Event) RegistrationCloses() time.Time {
	if !e.ClosesAt.IsZero() {
		return e.ClosesAt
	}
	return e.EndsOn.In(e.loc()).AddDate(0, 0, 1)
}

// OpenAt reports whether sign-up is open at now.
func (e Event) OpenAt(now time.Time) bool {
	if e.Closed {
		return false
	}
	if !e.OpensAt.IsZero() && now.Before(e.OpensAt) {
		return false
	}
	return now.Before(e.RegistrationCloses())
}

// Date is a calendar day without a time zone.
type Date struct{ Year, Month, Day int }

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, bool) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return Date{}, false
	}
	return Date{t.Year(), int(t.Month()), t.Day()}, true
}

func (d Date) String() string {
	return d.In(time.UTC).Format(time.DateOnly)
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// In returns midnight of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, loc)
}

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool { return d.String() < o.String() }

// EventInput is what an organizer gives to create or edit an event.
type EventInput struct {
	EventContent
	Slug            string
	Title           string
	Location        string
	Timezone        string
	StartsOn        string
	EndsOn          string
	StudentCapacity int
	MentorCapacity  int
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// Validate checks the rules an event must meet and returns the parsed dates.
func (in *EventInput) Validate() (start, end Date, err error) {
	in.Slug = strings.ToLower(strings.TrimSpace(in.Slug))
	in.Title = strings.TrimSpace(in.Title)
	in.Location = strings.TrimSpace(in.Location)
	in.Timezone = strings.TrimSpace(in.Timezone)
	if in.Timezone == "" {
		in.Timezone = "UTC"
	}
	v := Violations{}
	v.Check(in.Slug != "", "slug", "Enter a short name for the URL, like upstream-2026.")
	v.Check(len(in.Slug) <= 64 && slugPattern.MatchString(in.Slug), "slug", "Use lowercase letters, digits and single hyphens (at most 64).")
	v.Check(in.Title != "", "title", "Enter a title.")
	v.Check(utf8.RuneCountInString(in.Title) <= 200, "title", "Use at most 200 characters.")
	v.Check(utf8.RuneCountInString(in.Location) <= 200, "location", "Use at most 200 characters.")
	// Title and location go into email subjects and text: one line, nothing invisible.
	for field, value := range map[string]string{"title": in.Title, "location": in.Location} {
		v.Check(!hasControl(value, false), field, "Keep it on one line, without control characters.")
		v.Check(!hasFormat(value), field, "Remove the invisible formatting characters (such as direction overrides).")
	}
	v.Check(ValidTimezone(in.Timezone), "timezone", "Choose a time zone such as Europe/Berlin or UTC.")
	start, okStart := ParseDate(in.StartsOn)
	end, okEnd := ParseDate(in.EndsOn)
	v.Check(okStart, "starts", "Enter the first day as YYYY-MM-DD.")
	v.Check(okEnd, "ends", "Enter the last day as YYYY-MM-DD.")
	if okStart && okEnd {
		v.Check(!end.Before(start), "ends", "The last day cannot be before the first day.")
	}
	v.Check(in.StudentCapacity >= 1 && in.StudentCapacity <= 10000, "student_capacity", "Enter a number of student seats from 1 to 10000.")
	v.Check(in.MentorCapacity >= 0 && in.MentorCapacity <= 10000, "mentor_capacity", "Enter a number of mentor seats from 0 to 10000.")
	in.EventContent.normalize()
	in.EventContent.check(v)
	return start, end, v.Err()
}

// ValidTimezone reports whether name is an IANA zone this system knows.
func ValidTimezone(name string) bool {
	if name == "" || name == "Local" || len(name) > 64 {
		return false
	}
	_, err := LoadLocation(name)
	return err == nil
}
