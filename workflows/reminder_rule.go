package workflows

import (
	"strings"
	"time"
	"unicode/utf8"
)

// RuleKind names one of the reminder rules every event has.
type RuleKind string

const (
	RuleEventSoon       RuleKind = "event-soon"       // accepted people, N days before the start
	RuleUnconfirmed     RuleKind = "unconfirmed"      // pending sign-ups, N hours after, once
	RuleCheckInDue      RuleKind = "check-in-due"     // mentors without this week's check-in
	RuleStudentNudge    RuleKind = "student-nudge"    // active students without progress
	RuleOrganizerDigest RuleKind = "organizer-digest" // organizers, weekly
)

// RuleKinds lists the kinds in the order organizers see them.
func RuleKinds() []RuleKind {
	return []RuleKind{RuleEventSoon, RuleUnconfirmed, RuleCheckInDue, RuleStudentNudge, RuleOrganizerDigest}
}

// Category is what a person can stop receiving. Preferences hold for every
// event: someone who says stop means it.
type Category string

const (
	CategoryReminders     Category = "reminders"     // event-soon, unconfirmed
	CategoryMentoring     Category = "mentoring"     // check-in-due, student-nudge
	CategoryDigest        Category = "digest"        // organizer-digest
	CategoryAnnouncements Category = "announcements" // organizers' messages to a cohort
)

// Categories lists every category, in the order the preferences page shows them.
func Categories() []Category {
	return []Category{CategoryReminders, CategoryMentoring, CategoryDigest, CategoryAnnouncements}
}

// ParseCategory reads a category name.
func ParseCategory(s string) (Category, bool) {
	for _, c := range Categories() {
		if string(c) == s {
			return c, true
		}
	}
	return "", false
}

// Describe says in a sentence what a category holds.
func (c Category) Describe() string {
	switch c {
	case CategoryReminders:
		return "Reminders before an event starts and about an unconfirmed sign-up."
	case CategoryMentoring:
		return "Weekly check-in reminders for mentors and nudges for students."
	case CategoryDigest:
		return "The organizers' weekly digest of an event."
	case CategoryAnnouncements:
		return "Messages organizers write to a cohort."
	}
	return ""
}

// Category is the preference a rule's mail falls under.
func (k RuleKind) Category() Category {
	switch k {
	case RuleCheckInDue, RuleStudentNudge:
		return CategoryMentoring
	case RuleOrganizerDigest:
		return CategoryDigest
	}
	return CategoryReminders
}

// Rule is one reminder rule of an event. When it fires depends on its kind:
// OffsetDays before the start for event-soon, OffsetHours after sign-up for
// unconfirmed, Weekday of each ISO week for check-in-due and the digest,
// daily (at most once per ISO week) for student-nudge; always at AtMinute
// minutes after local midnight, except unconfirmed, which counts hours.
type Rule struct {
	ID          string
	EventID     string
	Kind        RuleKind
	Paused      bool
	Subject     string // plain text with placeholders such as {first_name}
	Body        string
	OffsetDays  int
	OffsetHours int
	AtMinute    int
	Weekday     time.Weekday
	Updated     time.Time
}

// DefaultRules are the rules an event gets when it is created.
func DefaultRules(eventID string, now time.Time) []Rule {
	r := func(k RuleKind, subject, body string) Rule {
		return Rule{ID: NewID(), EventID: eventID, Kind: k, Subject: subject, Body: body, Updated: now}
	}
	soon := r(RuleEventSoon, "{event_title} starts on {event_start}",
		"Hello {first_name},\n\n{event_title} starts on {event_start}. Where: {event_location}.\n\n"+
			"Please bring a laptop with git installed and your Launchpad and Gerrit accounts ready.\n\nSee you there!")
	soon.OffsetDays, soon.AtMinute = 2, 9*60
	unconf := r(RuleUnconfirmed, "Please confirm your place at {event_title}",
		"Hello {first_name},\n\nYou signed up for {event_title} but have not confirmed your address yet. "+
			"Use the link below to confirm; it replaces the one we sent before.")
	unconf.OffsetHours = 48
	checkin := r(RuleCheckInDue, "Weekly check-in for {event_title}",
		"Hello {first_name},\n\nPlease record this week's check-in for each of your mentees in {event_title}.")
	checkin.Weekday, checkin.AtMinute = time.Thursday, 10*60
	nudge := r(RuleStudentNudge, "How is {event_title} going?",
		"Hello {first_name},\n\nWe have not seen progress from you in {event_title} for two weeks. "+
			"If you are stuck, tell your mentor: that is what they are there for.")
	nudge.OffsetDays, nudge.AtMinute = 14, 10*60
	digest := r(RuleOrganizerDigest, "Weekly digest: {event_title}",
		"Hello {first_name},\n\nHere is this week's summary of {event_title}.")
	digest.Weekday, digest.AtMinute = time.Monday, 8*60
	return []Rule{soon, unconf, checkin, nudge, digest}
}

// RuleInput is an organizer's change to a rule.
type RuleInput struct {
	Paused      bool
	Subject     string
	Body        string
	OffsetDays  int
	OffsetHours int
	At          string // HH:MM
	Weekday     int    // 0 Sunday … 6 Saturday
}

// Apply validates in and returns r changed by it.
func (in RuleInput) Apply(r Rule, now time.Time) (Rule, error) {
	v := Violations{}
	subject, body := strings.TrimSpace(in.Subject), strings.TrimSpace(in.Body)
	v.Check(subject != "" && utf8.RuneCountInString(subject) <= 200, "subject", "Enter a subject of at most 200 characters.")
	v.Check(body != "" && utf8.RuneCountInString(body) <= 5000, "body", "Enter a message of at most 5000 characters.")
	v.Check(in.OffsetDays >= 0 && in.OffsetDays <= 60, "offset_days", "Enter a number of days from 0 to 60.")
	v.Check(in.OffsetHours >= 1 && in.OffsetHours <= 24*14 || r.Kind != RuleUnconfirmed, "offset_hours", "Enter a number of hours from 1 to 336.")
	v.Check(in.Weekday >= 0 && in.Weekday <= 6, "weekday", "Choose a day of the week.")
	at, err := time.Parse("15:04", strings.TrimSpace(in.At))
	v.Check(err == nil, "at", "Enter a time as HH:MM, e.g. 09:00.")
	if err := v.Err(); err != nil {
		return r, err
	}
	r.Paused, r.Subject, r.Body = in.Paused, subject, body
	r.OffsetDays, r.OffsetHours, r.Weekday = in.OffsetDays, in.OffsetHours, time.Weekday(in.Weekday)
	r.AtMinute, r.Updated = at.Hour()*60+at.Minute(), now
	return r, nil
}
