package workflows

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"
)

// MenteeCard is one mentee as their mentor's dashboard shows them.
type MenteeCard struct {
	Pairing  Pairing
	Student  RegistrationView
	Steps    []StepState
	Done     int
	Total    int
	Week     ISOWeek  // the current week in the event's zone
	ThisWeek *CheckIn // this week's check-in; nil while none is recorded
	// Due: this week's check-in is owed and not recorded (never in the
	// week the pairing began: CheckInExpected).
	Due  bool
	Last *CheckIn // the newest check-in; nil when there is none
	// WeeksSinceLast counts weeks from the newest check-in to this week; -1 when there is none.
	WeeksSinceLast int
	Progress       Progress
}

// MentorDashboard is a mentor's home: their mentees first, then their registrations.
type MentorDashboard struct {
	Mentees       []MenteeCard // red first, then amber, then green; by name within
	Registrations []MyRegistration
}

// PairingPage is one pairing in full: every week's check-in and the steps.
type PairingPage struct {
	Card     MenteeCard
	Mentor   RegistrationView
	CheckIns []CheckIn // newest week first, one per week
}

// Dashboard returns the viewer's mentees and mentor registrations.
func (c *CheckIns) Dashboard(ctx context.Context, v Viewer) (MentorDashboard, error) {
	if err := v.mentor(); err != nil {
		return MentorDashboard{}, err
	}
	now := c.Clock.Now()
	var out MentorDashboard
	err := c.Store.View(ctx, func(tx Tx) error {
		var err error
		if out.Registrations, err = ownRegistrations(ctx, tx, v, RoleMentor); err != nil {
			return err
		}
		for _, r := range out.Registrations {
			pairings, err := tx.Pairings.OpenPairingsOfMentor(ctx, r.ID)
			if err != nil {
				return fmt.Errorf("mentees of %s: %w", r.ID, err)
			}
			for _, p := range pairings {
				student, err := tx.Registrations.RegistrationByID(ctx, p.StudentID)
				if err != nil {
					return err
				}
				card, _, err := menteeCard(ctx, tx, p, student, now)
				if err != nil {
					return err
				}
				out.Mentees = append(out.Mentees, card)
			}
		}
		return nil
	})
	slices.SortStableFunc(out.Mentees, func(a, b MenteeCard) int {
		if c := cmp.Compare(colourRank(a.Progress.Colour), colourRank(b.Progress.Colour)); c != 0 {
			return c
		}
		return cmp.Compare(a.Student.Person.Name, b.Student.Person.Name)
	})
	return out, err
}

// Pairing returns one pairing the viewer may see: their own as a mentor, any
// as an organizer.
func (c *CheckIns) Pairing(ctx context.Context, v Viewer, id string) (PairingPage, error) {
	now := c.Clock.Now()
	var out PairingPage
	err := c.Store.View(ctx, func(tx Tx) error {
		pr, err := pairingFor(ctx, tx, v, id)
		if err != nil {
			return err
		}
		out.Mentor = pr.Mentor
		out.Card, out.CheckIns, err = menteeCard(ctx, tx, pr.Pairing, pr.Student, now)
		return err
	})
	return out, err
}

// menteeCard reads what the dashboard shows of one pairing, and its check-ins.
func menteeCard(ctx context.Context, tx Tx, p Pairing, student RegistrationView, now time.Time) (MenteeCard, []CheckIn, error) {
	list, err := checklistOf(ctx, tx, student)
	if err != nil {
		return MenteeCard{}, nil, err
	}
	checkIns, err := tx.CheckIns.CheckInsOfPairing(ctx, p.ID)
	if err != nil {
		return MenteeCard{}, nil, fmt.Errorf("check-ins of %s: %w", p.ID, err)
	}
	last, err := tx.Activity.LastActivityOf(ctx, student.ID)
	if err != nil {
		return MenteeCard{}, nil, fmt.Errorf("activity of %s: %w", student.ID, err)
	}
	card := MenteeCard{Pairing: p, Student: student, Steps: list.Steps, Done: list.Done, Total: list.Total,
		Week: WeekOf(now, student.Event.loc()), WeeksSinceLast: -1, Progress: ProgressAt(now, p.Started, last)}
	card.Due = CheckInExpected(card.Week, p.Started, student.Event.loc())
	if len(checkIns) > 0 {
		card.Last = &checkIns[0]
		card.WeeksSinceLast = max(0, card.Last.Week.WeeksBetween(card.Week))
		if checkIns[0].Week == card.Week {
			card.ThisWeek, card.Due = &checkIns[0], false
		}
	}
	return card, checkIns, nil
}

func colourRank(c Colour) int {
	switch c {
	case ColourRed:
		return 0
	case ColourAmber:
		return 1
	}
	return 2
}
