package workflows

import (
	"strings"
	"time"
)

// MissedAfter is how late a send may be and still go out: later than this
// (the app was down) it is recorded as missed and shown to organizers.
const MissedAfter = 24 * time.Hour

// Candidate is someone a rule may concern, with what its timing depends on.
type Candidate struct {
	PersonID       string
	RegistrationID string // the registration the mail is about, if any
	Name           string
	Timezone       string         // the person's own zone, by name
	Loc            *time.Location // the same, loaded; nil is UTC
	Since          time.Time
}

// Occurrence is when a rule falls due for one person, and the period the
// send belongs to: one send per (rule, person, period), ever.
type Occurrence struct {
	Period string
	Due    time.Time
}

// SendState is where one send row stands.
type SendState string

const (
	SendQueued     SendState = "queued"
	SendSent       SendState = "sent"
	SendMissed     SendState = "missed"  // more than MissedAfter late: not sent
	SendSkipped    SendState = "skipped" // the person opted out or bounced before it went
	SendDelivered  SendState = "delivered"
	SendFailed     SendState = "failed"
	SendComplained SendState = "complained"
)

// Next returns the latest occurrence of r for c at or before now, or, when
// none has come yet, the next one; ok is false when the rule can never fire
// for c any more (its anchor is in the past).
// evLoc is ev's zone (loaded once by the caller: loading is not cheap).
func (r Rule) Next(ev Event, evLoc *time.Location, c Candidate, now time.Time) (o Occurrence, ok bool) {
	own := c.Loc
	if own == nil {
		own = time.UTC
	}
	switch r.Kind {
	case RuleEventSoon:
		// An event that has started (or was moved into the past) has
		// nothing left to announce.
		if !now.Before(WallClock(ev.StartsOn, 0, evLoc)) {
			return o, false
		}
		return Occurrence{"event", WallClock(ev.StartsOn.AddDays(-r.OffsetDays), r.AtMinute, evLoc)}, true
	case RuleUnconfirmed:
		return Occurrence{"once", c.Since.Add(time.Duration(r.OffsetHours) * time.Hour)}, true
	case RuleCheckInDue:
		return checkInWeekly(r, evLoc, own, now), true
	case RuleOrganizerDigest:
		return weekly(r, evLoc, now), true
	case RuleStudentNudge:
		// Daily at the person's local time; the period is the ISO week,
		// so at most one nudge a week.
		d := DateOf(now, own)
		due := WallClock(d, r.AtMinute, own)
		if due.After(now) {
			d = d.AddDays(-1)
			due = WallClock(d, r.AtMinute, own)
		}
		return Occurrence{d.ISOWeek(), due}, true
	}
	return o, false
}

// NextRun is when r next fires in the event's zone loc at or after now
// (check-in-due and student-nudge fire at that wall-clock time in each
// person's own zone); ok is false when that is not one time (unconfirmed
// counts from each sign-up) or never (the event has started).
func (r Rule) NextRun(ev Event, loc *time.Location, now time.Time) (time.Time, bool) {
	switch r.Kind {
	case RuleEventSoon:
		o, ok := r.Next(ev, loc, Candidate{Loc: loc}, now)
		return o.Due, ok
	case RuleCheckInDue, RuleOrganizerDigest:
		d := DateOf(now, loc).InISOWeekOf(r.Weekday)
		if t := WallClock(d, r.AtMinute, loc); !t.Before(now) {
			return t, true
		}
		return WallClock(d.AddDays(7), r.AtMinute, loc), true
	case RuleStudentNudge:
		d := DateOf(now, loc)
		if t := WallClock(d, r.AtMinute, loc); !t.Before(now) {
			return t, true
		}
		return WallClock(d.AddDays(1), r.AtMinute, loc), true
	}
	return time.Time{}, false
}

// weekly is r's occurrence in the ISO week (in loc) of now.
func weekly(r Rule, loc *time.Location, now time.Time) Occurrence {
	d := DateOf(now, loc).InISOWeekOf(r.Weekday)
	return Occurrence{d.ISOWeek(), WallClock(d, r.AtMinute, loc)}
}

// checkInWeekly is the check-in-due occurrence for the event's current ISO
// week (the week the dashboard shows and check-ins are kept by), sent at r's
// weekday and time in the mentor's own zone: the one such moment that falls
// inside that event week. For a mentor far east of the event, Monday 09:00
// local can be Sunday evening at the event, so it belongs to the week ending.
func checkInWeekly(r Rule, evLoc, own *time.Location, now time.Time) Occurrence {
	week := WeekOf(now, evLoc)
	start, end := week.Start(evLoc), week.Monday().AddDays(7).In(evLoc)
	d := week.Monday().InISOWeekOf(r.Weekday)
	for _, off := range []int{0, -7, 7} {
		if t := WallClock(d.AddDays(off), r.AtMinute, own); !t.Before(start) && t.Before(end) {
			return Occurrence{string(week), t}
		}
	}
	return Occurrence{string(week), WallClock(d, r.AtMinute, own)} // a DST edge: none fell inside
}

// Decision is what a scheduler pass does with an occurrence.
type Decision uint8

const (
	NotDue Decision = iota // later, or never
	Fire                   // due now: send
	Miss                   // due more than MissedAfter ago: record as missed
)

// Decide says what to do at now with an occurrence of r. An occurrence that
// fell due before the rule took its current form (an offset changed, or the
// event created, after it) never fires: moving an anchor into the past
// sends nothing.
func (r Rule) Decide(o Occurrence, now time.Time) Decision {
	switch {
	case r.Paused, o.Due.After(now), o.Due.Before(r.Updated):
		return NotDue
	case now.Sub(o.Due) > MissedAfter:
		return Miss
	}
	return Fire
}

// Placeholders a rule's or a message's wording may use. Person-specific ones
// become Mailgun recipient variables; the others are filled in at once.
// Nothing else is interpreted: the text is never a template language.
var personPlaceholders = []string{"first_name", "name", "link"}

// Fill replaces each {key} of s whose key is in values; other braces stay.
func Fill(s string, values map[string]string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		key := s[i+1 : i+j]
		v, ok := values[key]
		if !ok {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(v)
		s = s[i+j+1:]
	}
}

// Recipient variable placeholders: Mailgun replaces %recipient.KEY% with the
// recipient's own value; the dev mailbox and previews do the same with Expand.
func recipientVar(key string) string { return "%recipient." + key + "%" }

// Expand replaces every %recipient.KEY% of s with vars[KEY].
func Expand(s string, vars map[string]string) string {
	if !strings.Contains(s, "%recipient.") {
		return s
	}
	pairs := make([]string, 0, 2*len(vars))
	for k, v := range vars {
		pairs = append(pairs, recipientVar(k), v)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// Zones loads time zones once per name, for a pass over many people.
type Zones map[string]*time.Location

// Load returns the named zone (UTC for an unknown name), loading it once.
func (z Zones) Load(name string) *time.Location {
	if l, ok := z[name]; ok {
		return l
	}
	l := LoadZone(name)
	z[name] = l
	return l
}
