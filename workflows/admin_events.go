package workflows

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// WindowLayout is how the registration window is typed: a local date and
// time in the event's own time zone (what <input type=datetime-local> sends).
const WindowLayout = "2006-01-02T15:04"

// EventForm is what an organizer types to create or edit an event: the
// event's facts, its registration window and what its page says.
type EventForm struct {
	EventInput
	OpensAt  string // WindowLayout in the event's time zone; "" for no bound
	ClosesAt string // "" for the end of the event's last day
}

// EventFormOf fills the form with an event's current values.
func EventFormOf(e Event) EventForm {
	f := EventForm{EventInput: EventInput{Slug: e.Slug, Title: e.Title, Location: e.Location, Timezone: e.Timezone,
		StartsOn: e.StartsOn.String(), EndsOn: e.EndsOn.String(), StudentCapacity: e.StudentCapacity, MentorCapacity: e.MentorCapacity}}
	if !e.OpensAt.IsZero() {
		f.OpensAt = e.OpensAt.In(e.loc()).Format(WindowLayout)
	}
	if !e.ClosesAt.IsZero() {
		f.ClosesAt = e.ClosesAt.In(e.loc()).Format(WindowLayout)
	}
	return f
}

// apply validates the form and writes it onto e, leaving ID, Closed and
// Created alone; the content stays in f.EventContent, which the caller
// saves. v may already hold violations found by the caller.
func (f *EventForm) apply(e *Event, v Violations) error {
	start, end, err := f.EventInput.Validate()
	for field, msg := range FieldErrors(err) {
		v.Check(false, field, msg)
	}
	loc := time.UTC
	if l, err := LoadLocation(f.Timezone); err == nil {
		loc = l
	}
	window := func(field, s string) time.Time {
		s = strings.TrimSpace(s)
		if s == "" {
			return time.Time{}
		}
		t, err := time.ParseInLocation(WindowLayout, s, loc)
		v.Check(err == nil, field, "Enter a date and time like 2026-04-01T09:00, or leave it empty.")
		return t.UTC()
	}
	opens, closes := window("opens_at", f.OpensAt), window("closes_at", f.ClosesAt)
	if !opens.IsZero() && !closes.IsZero() {
		v.Check(opens.Before(closes), "closes_at", "Sign-up must close after it opens.")
	}
	if err := v.Err(); err != nil {
		return err
	}
	e.Slug, e.Title, e.Location, e.Timezone = f.Slug, f.Title, f.Location, f.Timezone
	e.StartsOn, e.EndsOn = start, end
	e.StudentCapacity, e.MentorCapacity = f.StudentCapacity, f.MentorCapacity
	e.OpensAt, e.ClosesAt = opens, closes
	return nil
}

// EventAdmin is how organizers create, edit, close and open events.
type EventAdmin struct{ Deps }

// Event returns one event with its counts.
func (a *EventAdmin) Event(ctx context.Context, v Viewer, slug string) (EventSummary, error) {
	if err := v.organizer(); err != nil {
		return EventSummary{}, err
	}
	var s EventSummary
	err := a.Store.View(ctx, func(tx Tx) error {
		e, err := eventNamed(ctx, tx.Events, slug)
		if err != nil {
			return err
		}
		counts, err := tx.Registrations.CountRegistrations(ctx)
		if err != nil {
			return err
		}
		s = summarize(e, a.Clock.Now(), counts)
		s.Content, err = tx.Contents.EventContent(ctx, e.ID)
		return err
	})
	return s, err
}

// CreateEvent adds an event.
func (a *EventAdmin) CreateEvent(ctx context.Context, v Viewer, f EventForm) (Event, error) {
	if err := v.organizer(); err != nil {
		return Event{}, err
	}
	now := a.Clock.Now()
	e := Event{ID: NewID(), Created: now}
	if err := f.apply(&e, Violations{}); err != nil {
		return Event{}, err
	}
	err := a.Store.InTx(ctx, func(tx Tx) error {
		if err := createEvent(ctx, tx, e); err != nil {
			return asFieldError(err)
		}
		if err := tx.Contents.SaveEventContent(ctx, e.ID, f.EventContent, now); err != nil {
			return err
		}
		return audit(ctx, tx.Audit, v, now, AuditEntry{Action: AuditEventCreate, EventID: e.ID,
			Detail: fmt.Sprintf("Created %s (%s, %s; %d student and %d mentor seats).", e.Title, FormatDates(e), e.Location, e.StudentCapacity, e.MentorCapacity)})
	})
	return e, err
}

// UpdateEvent changes an event's facts and window; its slug stays. Capacity
// cannot drop below the seats already held. Added student seats are not
// given away: the change says how many the organizer can now hand out from
// the waitlist, so they can promote a particular person by hand.
func (a *EventAdmin) UpdateEvent(ctx context.Context, v Viewer, slug string, f EventForm) (SeatChange, error) {
	if err := v.organizer(); err != nil {
		return SeatChange{}, err
	}
	now := a.Clock.Now()
	var change SeatChange
	err := a.Store.InTx(ctx, func(tx Tx) error {
		old, err := eventNamed(ctx, tx.Events, slug)
		if err != nil {
			return err
		}
		if err := tx.Events.LockEvent(ctx, old.ID); err != nil {
			return err
		}
		viol := Violations{}
		for field, role := range map[string]Role{"student_capacity": RoleStudent, "mentor_capacity": RoleMentor} {
			taken, err := tx.Registrations.CountSeats(ctx, old.ID, role)
			if err != nil {
				return err
			}
			capacity := map[Role]int{RoleStudent: f.StudentCapacity, RoleMentor: f.MentorCapacity}[role]
			viol.Check(capacity >= taken, field, fmt.Sprintf("%d %ss hold seats already: enter at least %d.", taken, role, taken))
		}
		e := old
		f.Slug = old.Slug
		if err := f.apply(&e, viol); err != nil {
			return err
		}
		if err := tx.Events.UpdateEvent(ctx, e); err != nil {
			return err
		}
		oldContent, err := tx.Contents.EventContent(ctx, e.ID)
		if err != nil {
			return err
		}
		if err := tx.Contents.SaveEventContent(ctx, e.ID, f.EventContent, now); err != nil {
			return err
		}
		if err := audit(ctx, tx.Audit, v, now, AuditEntry{Action: AuditEventUpdate, EventID: e.ID,
			Detail: "Edited " + e.Title + ": " + eventChanges(old, e, oldContent.changes(f.EventContent)) + "."}); err != nil {
			return err
		}
		change.Open, err = openSeats(ctx, tx, e, RoleStudent)
		return err
	})
	return change, err
}

// openSeats counts the student seats an organizer may hand out by hand:
// free seats while people wait. Seats added by an edit are left for the
// organizer to give, in line order or not; only a seat freed by a
// withdrawal or a demotion goes to the first in line at once.
func openSeats(ctx context.Context, tx Tx, e Event, role Role) (int, error) {
	taken, err := tx.Registrations.CountSeats(ctx, e.ID, role)
	if err != nil {
		return 0, err
	}
	free := e.Capacity(role) - taken
	if free <= 0 {
		return 0, nil
	}
	line, err := tx.Lists.WaitlistIDs(ctx, e.ID, role)
	if err != nil {
		return 0, err
	}
	return min(free, len(line)), nil
}

// SetEventClosed closes sign-up by hand, or opens it again.
func (a *EventAdmin) SetEventClosed(ctx context.Context, v Viewer, slug string, closed bool) (Event, error) {
	if err := v.organizer(); err != nil {
		return Event{}, err
	}
	now := a.Clock.Now()
	var e Event
	err := a.Store.InTx(ctx, func(tx Tx) error {
		var err error
		if e, err = eventNamed(ctx, tx.Events, slug); err != nil {
			return err
		}
		e.Closed = closed
		if err := tx.Events.UpdateEvent(ctx, e); err != nil {
			return err
		}
		action, detail := AuditEventOpen, "Opened sign-up for "+e.Title+"."
		if closed {
			action, detail = AuditEventClose, "Closed sign-up for "+e.Title+"."
		}
		return audit(ctx, tx.Audit, v, now, AuditEntry{Action: action, EventID: e.ID, Detail: detail})
	})
	return e, err
}

// asFieldError turns a Conflict that names fields (a taken slug) into the
// Invalid error a form shows beside those fields.
func asFieldError(err error) error {
	if e, ok := errors.AsType[*Error](err); ok && e.Kind == Conflict && len(e.Fields) > 0 {
		return &Error{Kind: Invalid, Message: e.Message, Fields: e.Fields, Err: err}
	}
	return err
}

// eventChanges describes what an edit changed, for the audit log, ending
// with the content's changes (more).
func eventChanges(a, b Event, more []string) string {
	var out []string
	diff := func(name, x, y string) {
		if x != y {
			out = append(out, fmt.Sprintf("%s %q → %q", name, x, y))
		}
	}
	fa, fb := EventFormOf(a), EventFormOf(b)
	diff("title", fa.Title, fb.Title)
	diff("location", fa.Location, fb.Location)
	diff("time zone", fa.Timezone, fb.Timezone)
	diff("first day", fa.StartsOn, fb.StartsOn)
	diff("last day", fa.EndsOn, fb.EndsOn)
	diff("student seats", fmt.Sprint(fa.StudentCapacity), fmt.Sprint(fb.StudentCapacity))
	diff("mentor seats", fmt.Sprint(fa.MentorCapacity), fmt.Sprint(fb.MentorCapacity))
	diff("sign-up opens", fa.OpensAt, fb.OpensAt)
	diff("sign-up closes", fa.ClosesAt, fb.ClosesAt)
	out = append(out, more...)
	if len(out) == 0 {
		return "nothing changed"
	}
	return strings.Join(out, ", ")
}
