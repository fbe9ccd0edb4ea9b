package workflows

import (
	"context"
	"fmt"
)

// Events creates and lists training events.
type Events struct {
	Store Store
	Clock Clock
}

// EventSeats is an event with the seats still free per role.
type EventSeats struct {
	Event
	StudentsLeft int
	MentorsLeft  int
	Content      EventContent // only Show fills it
}

// Create adds an event after checking its rules.
func (s *Events) Create(ctx context.Context, in EventInput) (Event, error) {
	start, end, err := in.Validate()
	if err != nil {
		return Event{}, err
	}
	e := Event{ID: NewID(), Slug: in.Slug, Title: in.Title, Location: in.Location, Timezone: in.Timezone,
		StartsOn: start, EndsOn: end, StudentCapacity: in.StudentCapacity, MentorCapacity: in.MentorCapacity,
		Created: s.Clock.Now()}
	err = s.Store.InTx(ctx, func(tx Tx) error {
		if err := createEvent(ctx, tx, e); err != nil {
			return err
		}
		return tx.Contents.SaveEventContent(ctx, e.ID, in.EventContent, e.Created)
	})
	if err != nil {
		return Event{}, fmt.Errorf("create event %s: %w", in.Slug, err)
	}
	return e, nil
}

// createEvent stores a new event with what every event starts with: the
// contributor checklist copied from the template, and the default reminder
// rules. Both ways of creating an
// event (admin area, command line) go through here.
func createEvent(ctx context.Context, tx Tx, e Event) error {
	if err := tx.Events.CreateEvent(ctx, e); err != nil {
		return err
	}
	if err := tx.Steps.CreateSteps(ctx, e.ID, OpenStackSteps()); err != nil {
		return fmt.Errorf("copy the checklist template: %w", err)
	}
	if err := tx.Reminders.CreateRules(ctx, DefaultRules(e.ID, e.Created)); err != nil {
		return fmt.Errorf("create the reminder rules: %w", err)
	}
	return nil
}

// ListOpen returns the events open for sign-up now, with free seats.
func (s *Events) ListOpen(ctx context.Context) ([]EventSeats, error) {
	var out []EventSeats
	err := s.Store.View(ctx, func(tx Tx) error {
		events, err := tx.Events.ListOpenEvents(ctx, s.Clock.Now())
		if err != nil {
			return err
		}
		for _, e := range events {
			es, err := withSeats(ctx, tx.Registrations, e)
			if err != nil {
				return err
			}
			out = append(out, es)
		}
		return nil
	})
	return out, err
}

// Show returns one event with its free seats and whether sign-up is open.
func (s *Events) Show(ctx context.Context, slug string) (EventSeats, bool, error) {
	var (
		out  EventSeats
		open bool
	)
	err := s.Store.View(ctx, func(tx Tx) error {
		e, err := eventNamed(ctx, tx.Events, slug)
		if err != nil {
			return err
		}
		open = e.OpenAt(s.Clock.Now())
		if out, err = withSeats(ctx, tx.Registrations, e); err != nil {
			return err
		}
		out.Content, err = tx.Contents.EventContent(ctx, e.ID)
		return err
	})
	return out, open, err
}

func withSeats(ctx context.Context, regs RegistrationStore, e Event) (EventSeats, error) {
	students, err := regs.CountSeats(ctx, e.ID, RoleStudent)
	if err != nil {
		return EventSeats{}, err
	}
	mentors, err := regs.CountSeats(ctx, e.ID, RoleMentor)
	if err != nil {
		return EventSeats{}, err
	}
	return EventSeats{Event: e, StudentsLeft: max(0, e.StudentCapacity-students), MentorsLeft: max(0, e.MentorCapacity-mentors)}, nil
}
