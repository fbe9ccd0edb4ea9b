package workflows

import (
	"context"
	"time"
)

// Overview is the organizers' first page.
type Overview struct{ Deps }

// RoleCounts counts one role's registrations of an event by status.
type RoleCounts struct {
	Capacity int
	ByStatus map[Status]int
}

// Seats is how many registrations hold a seat.
func (c RoleCounts) Seats() int {
	n := 0
	for _, s := range SeatStatuses() {
		n += c.ByStatus[s]
	}
	return n
}

// Total is how many registrations the role has, in every status.
func (c RoleCounts) Total() int {
	n := 0
	for _, k := range c.ByStatus {
		n += k
	}
	return n
}

// Free is how many seats are left.
func (c RoleCounts) Free() int { return max(0, c.Capacity-c.Seats()) }

// SignupState says where an event's sign-up stands.
type SignupState string

const (
	SignupOpen   SignupState = "open"
	SignupClosed SignupState = "closed"  // closed by hand
	SignupNotYet SignupState = "not_yet" // the window has not opened
	SignupEnded  SignupState = "ended"   // the window has passed
)

// SignupStateAt says where sign-up stands at now.
func (e Event) SignupStateAt(now time.Time) SignupState {
	switch {
	case e.Closed:
		return SignupClosed
	case !e.OpensAt.IsZero() && now.Before(e.OpensAt):
		return SignupNotYet
	case !now.Before(e.RegistrationCloses()):
		return SignupEnded
	}
	return SignupOpen
}

// EventSummary is an event with its registrations counted.
type EventSummary struct {
	Event
	Content  EventContent // only EventAdmin.Event fills it
	State    SignupState
	Students RoleCounts
	Mentors  RoleCounts
}

func summarize(e Event, now time.Time, counts []RegistrationCount) EventSummary {
	s := EventSummary{Event: e, State: e.SignupStateAt(now),
		Students: RoleCounts{Capacity: e.StudentCapacity, ByStatus: map[Status]int{}},
		Mentors:  RoleCounts{Capacity: e.MentorCapacity, ByStatus: map[Status]int{}}}
	for _, c := range counts {
		switch {
		case c.EventID != e.ID:
		case c.Role == RoleMentor:
			s.Mentors.ByStatus[c.Status] += c.N
		default:
			s.Students.ByStatus[c.Status] += c.N
		}
	}
	return s
}

// Dashboard is the organizers' first page.
type Dashboard struct {
	Events   []EventSummary // newest first
	Problems []JobStatus    // outbox jobs failing or parked
	Recent   []AuditEntry
	// Progress counts each event's active students by colour, by event ID;
	// events without active students are left out.
	Progress map[string]ProgressCounts
}

// Dashboard lists every event with its counts, the sync jobs that need a
// look and the latest organizer actions.
func (a *Overview) Dashboard(ctx context.Context, v Viewer) (Dashboard, error) {
	if err := v.organizer(); err != nil {
		return Dashboard{}, err
	}
	now := a.Clock.Now()
	var d Dashboard
	err := a.Store.View(ctx, func(tx Tx) error {
		events, err := tx.Events.ListEvents(ctx)
		if err != nil {
			return err
		}
		counts, err := tx.Registrations.CountRegistrations(ctx)
		if err != nil {
			return err
		}
		d.Progress = map[string]ProgressCounts{}
		for _, e := range events {
			sum := summarize(e, now, counts)
			d.Events = append(d.Events, sum)
			if sum.Students.ByStatus[StatusActive] > 0 {
				if d.Progress[e.ID], err = progressCounts(ctx, tx, e, now); err != nil {
					return err
				}
			}
		}
		if d.Problems, err = tx.Jobs.ProblemJobs(ctx, 20); err != nil {
			return err
		}
		d.Recent, err = tx.Audit.AuditEntries(ctx, AuditFilter{HideSignIns: true, Limit: 8})
		return err
	})
	return d, err
}
