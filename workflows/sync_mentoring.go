package workflows

import (
	"context"
	"fmt"
	"time"
)

// SyncView is a registration with what the sheet and the card show of its
// mentoring: the mentor, the steps and the last check-in.
type SyncView struct {
	RegistrationView
	Mentoring MentoringState
}

// MentoringState is a student's mentoring as the mirrors show it.
type MentoringState struct {
	Mentor      string // the mentor's name; "" without one
	Steps       []CheckItem
	Done, Total int
	LastCheckIn time.Time // when the last check-in of the open pairing was written
}

// CheckItem is one item of a card's checklist.
type CheckItem struct {
	Name string
	Done bool
}

// studentColumns are the mentoring columns at the end of a students' tab.
func studentColumns() []string { return []string{"Mentor", "Steps done", "Last check-in"} }

// studentValues fills studentColumns, dates in the event's zone.
func studentValues(v SyncView) []string {
	m := v.Mentoring
	last := ""
	if !m.LastCheckIn.IsZero() {
		last = m.LastCheckIn.In(v.Event.loc()).Format(time.DateOnly)
	}
	return []string{m.Mentor, fmt.Sprintf("%d/%d", m.Done, m.Total), last}
}

// cardChecklist is the card's checklist: the steps of an active or
// completed student; none before mentoring starts.
func cardChecklist(v SyncView) []CheckItem {
	if v.Role != RoleStudent || (v.Status != StatusActive && v.Status != StatusCompleted) {
		return nil
	}
	return v.Mentoring.Steps
}

// mentoringLoader reads the mentoring of students for the mirrors, the
// event's checklist once per event.
type mentoringLoader struct {
	tx    Tx
	steps map[string][]Step
}

func (l *mentoringLoader) load(ctx context.Context, r RegistrationView) (MentoringState, error) {
	var m MentoringState
	if r.Role != RoleStudent {
		return m, nil
	}
	steps, ok := l.steps[r.EventID]
	if !ok {
		var err error
		if steps, err = l.tx.Steps.StepsOfEvent(ctx, r.EventID); err != nil {
			return m, err
		}
		l.steps[r.EventID] = steps
	}
	done, err := l.tx.Steps.ProgressOf(ctx, r.ID)
	if err != nil {
		return m, err
	}
	has := map[string]bool{}
	for _, p := range done {
		has[p.Key] = true
	}
	for _, s := range steps {
		m.Steps = append(m.Steps, CheckItem{Name: s.Title, Done: has[s.Key]})
	}
	m.Done, m.Total = ProgressCount(steps, done)
	p, err := l.tx.Pairings.OpenPairingOfStudent(ctx, r.ID)
	if KindOf(err) == NotFound {
		return m, nil
	}
	if err != nil {
		return m, err
	}
	mentor, err := l.tx.Registrations.RegistrationByID(ctx, p.MentorID)
	if err != nil {
		return m, err
	}
	m.Mentor = mentor.Person.Name
	checkIns, err := l.tx.CheckIns.CheckInsOfPairing(ctx, p.ID)
	if err != nil {
		return m, err
	}
	for _, c := range checkIns {
		if c.Created.After(m.LastCheckIn) {
			m.LastCheckIn = c.Created
		}
	}
	return m, nil
}
