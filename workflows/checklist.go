package workflows

import (
	"context"
	"fmt"
)

// StepState is one step of a student's checklist and where they stand on it.
type StepState struct {
	Step
	Done     bool
	Progress StepProgress // zero unless Done
}

// Checklist is a student's contributor checklist in one event, with the
// mentor they work with.
type Checklist struct {
	Student   RegistrationView
	Steps     []StepState
	Done      int
	Total     int
	PairingID string            // "" while the student has no mentor
	Mentor    *RegistrationView // nil while the student has no mentor
}

// HasChecklist reports whether a student registration in status s works
// through the checklist: once paired, and after completing it.
func HasChecklist(s Status) bool { return s == StatusActive || s == StatusCompleted }

// checklistOf reads a student's checklist and mentor inside tx.
func checklistOf(ctx context.Context, tx Tx, student RegistrationView) (Checklist, error) {
	steps, err := tx.Steps.StepsOfEvent(ctx, student.EventID)
	if err != nil {
		return Checklist{}, fmt.Errorf("steps of %s: %w", student.Event.Slug, err)
	}
	done, err := tx.Steps.ProgressOf(ctx, student.ID)
	if err != nil {
		return Checklist{}, fmt.Errorf("progress of %s: %w", student.ID, err)
	}
	c := Checklist{Student: student, Steps: stepStates(steps, done)}
	c.Done, c.Total = ProgressCount(steps, done)
	p, err := tx.Pairings.OpenPairingOfStudent(ctx, student.ID)
	switch {
	case KindOf(err) == NotFound:
		return c, nil
	case err != nil:
		return Checklist{}, fmt.Errorf("mentor of %s: %w", student.ID, err)
	}
	mentor, err := tx.Registrations.RegistrationByID(ctx, p.MentorID)
	if err != nil {
		return Checklist{}, fmt.Errorf("mentor of %s: %w", student.ID, err)
	}
	c.PairingID, c.Mentor = p.ID, &mentor
	return c, nil
}

func stepStates(steps []Step, done []StepProgress) []StepState {
	byKey := make(map[string]StepProgress, len(done))
	for _, p := range done {
		byKey[p.Key] = p
	}
	out := make([]StepState, len(steps))
	for i, s := range steps {
		p, ok := byKey[s.Key]
		out[i] = StepState{Step: s, Done: ok, Progress: p}
	}
	return out
}

// Checklists lets students tick their own steps and mentors (and organizers)
// tick or verify their mentees'. The last step completes the registration.
type Checklists struct {
	Store   Store
	Clock   Clock
	Emails  CheckInEmails
	Mirrors []JobKind
}

// StepMark is a step ticked (with its evidence) or unticked.
type StepMark struct {
	Done     bool
	Evidence string
}

// StepOutcome says what marking a step did.
type StepOutcome struct {
	Student   RegistrationView
	Step      Step
	Done      bool
	Completed bool // this mark completed the registration
}

// MarkOwn ticks or unticks one of the viewer's own steps. Anyone else's
// registration is NotFound.
func (c *Checklists) MarkOwn(ctx context.Context, v Viewer, registrationID, key string, m StepMark) (StepOutcome, error) {
	if err := v.student(); err != nil {
		return StepOutcome{}, err
	}
	var out StepOutcome
	err := c.Store.InTx(ctx, func(tx Tx) error {
		reg, err := tx.Registrations.RegistrationByID(ctx, registrationID)
		if KindOf(err) == NotFound || err == nil && (reg.PersonID != v.PersonID || reg.Role != RoleStudent) {
			return E(NotFound, "You have no such registration.")
		}
		if err != nil {
			return err
		}
		out, err = c.marker(v).mark(ctx, tx, reg, key, m, false)
		return err
	})
	return out, err
}

// MarkMentee ticks, unticks or verifies a step of the student of a pairing:
// its mentor, or an organizer, may. A mentor's tick counts as verified.
func (c *Checklists) MarkMentee(ctx context.Context, v Viewer, pairingID, key string, m StepMark) (StepOutcome, error) {
	var out StepOutcome
	err := c.Store.InTx(ctx, func(tx Tx) error {
		pr, err := pairingFor(ctx, tx, v, pairingID)
		if err != nil {
			return err
		}
		if !pr.Pairing.Open() {
			return E(Conflict, "This pairing has ended: its steps can no longer change here.")
		}
		out, err = c.marker(v).mark(ctx, tx, pr.Student, key, m, true)
		return err
	})
	return out, err
}

func (c *Checklists) marker(v Viewer) stepMarker {
	return stepMarker{emails: c.Emails, mirrors: c.Mirrors, actor: v, now: c.Clock.Now()}
}
