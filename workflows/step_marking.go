package workflows

import (
	"context"
	"fmt"
	"time"
)

// stepMarker ticks and unticks steps inside the caller's transaction, with
// what goes with it: the activity line, the mirrors, and completion when the
// last step (a merged change) is done.
type stepMarker struct {
	emails  CheckInEmails
	mirrors []JobKind
	actor   Viewer
	now     time.Time
}

func (s stepMarker) mark(ctx context.Context, tx Tx, student RegistrationView, key string, m StepMark, verify bool) (StepOutcome, error) {
	if !HasChecklist(student.Status) {
		return StepOutcome{}, E(Conflict, "The checklist opens once you are paired with a mentor.")
	}
	list, err := checklistOf(ctx, tx, student)
	if err != nil {
		return StepOutcome{}, err
	}
	st, ok := stepIn(list.Steps, key)
	if !ok {
		return StepOutcome{}, E(NotFound, "This checklist has no such step.")
	}
	out := StepOutcome{Student: student, Step: st.Step, Done: m.Done}
	if !m.Done {
		return out, s.untick(ctx, tx, &out, st)
	}
	evidence := m.Evidence
	if evidence == "" && st.Done {
		evidence = st.Progress.Evidence // verifying keeps what the student gave
	}
	if sub, ok := stepIn(list.Steps, StepFirstChangeSubmitted); evidence == "" && key == StepFirstChangeMerged && ok {
		evidence = sub.Progress.Evidence // "the same change, merged"
	}
	if evidence, err = ValidateEvidence(st.Evidence, evidence); err != nil {
		return StepOutcome{}, err
	}
	p := StepProgress{RegistrationID: student.ID, Key: key, Done: s.now, Evidence: evidence, MarkedBy: s.actor.PersonID}
	if st.Done {
		p.Done, p.MarkedBy = st.Progress.Done, st.Progress.MarkedBy
		if evidence == st.Progress.Evidence {
			p.VerifiedBy, p.Verified = st.Progress.VerifiedBy, st.Progress.Verified
		}
	}
	if verify {
		p.VerifiedBy, p.Verified = s.actor.PersonID, s.now
	}
	if err := tx.Steps.MarkStep(ctx, p); err != nil {
		return StepOutcome{}, err
	}
	if !st.Done {
		if err := tx.Activity.RecordActivity(ctx, Activity{ID: NewID(), EventID: student.EventID, RegistrationID: student.ID,
			Kind: ActivityStep, StepKey: key, Week: WeekOf(s.now, student.Event.loc()), At: s.now}); err != nil {
			return StepOutcome{}, err
		}
	}
	if key == StepFirstChangeMerged && student.Status == StatusActive {
		out.Completed = true
		return out, s.complete(ctx, tx, list, evidence)
	}
	return out, s.mirror(ctx, tx, student.ID)
}

// untick undoes a step; undoing the merged change reopens a completed registration.
func (s stepMarker) untick(ctx context.Context, tx Tx, out *StepOutcome, st StepState) error {
	if !st.Done {
		return nil // nothing to undo: the page may be stale
	}
	if err := tx.Steps.UnmarkStep(ctx, out.Student.ID, st.Key); err != nil {
		return err
	}
	if st.Key == StepFirstChangeMerged && out.Student.Status == StatusCompleted {
		seats := seating{mirrors: s.mirrors, actor: s.actor, now: s.now}
		return seats.set(ctx, tx, &out.Student, StatusActive, AuditReopen,
			fmt.Sprintf("Reopened %s's checklist in %s: the merged change was unticked.", out.Student.Person.Name, out.Student.Event.Title))
	}
	return s.mirror(ctx, tx, out.Student.ID)
}

// complete marks the registration completed (the card moves to Completed,
// the sheet row's status follows) and congratulates student and mentor.
func (s stepMarker) complete(ctx context.Context, tx Tx, list Checklist, change string) error {
	student := list.Student
	seats := seating{mirrors: s.mirrors, actor: s.actor, now: s.now}
	if err := seats.set(ctx, tx, &student, StatusCompleted, AuditComplete,
		fmt.Sprintf("%s completed %s: first change merged.", student.Person.Name, student.Event.Title)); err != nil {
		return err
	}
	mentorName := ""
	if list.Mentor != nil {
		mentorName = list.Mentor.Person.Name
	}
	d := CompletionEmail{StudentName: student.Person.Name, MentorName: mentorName, EventTitle: student.Event.Title, ChangeURL: change}
	if err := s.congratulate(ctx, tx, student, "/me", d); err != nil {
		return err
	}
	if list.Mentor == nil {
		return nil
	}
	return s.congratulate(ctx, tx, *list.Mentor, "/mentor/pairings/"+list.PairingID, d)
}

// congratulate queues the completion email to one person of the pairing.
func (s stepMarker) congratulate(ctx context.Context, tx Tx, to RegistrationView, path string, d CompletionEmail) error {
	d.Name, d.Role, d.Path = to.Person.Name, to.Role, path
	c, err := s.emails.Completed(d)
	if err != nil {
		return fmt.Errorf("render completion email: %w", err)
	}
	return tx.Emails.QueueEmail(ctx, Email{ID: NewID(), Kind: EmailCompleted, PersonID: to.PersonID, To: to.Person.Email,
		Subject: c.Subject, HTML: c.HTML, Text: c.Text, Status: EmailQueued, Created: s.now})
}

// mirror queues the sheet row and card of the student, which show the steps.
func (s stepMarker) mirror(ctx context.Context, tx Tx, studentID string) error {
	for _, kind := range s.mirrors {
		if err := tx.Jobs.Enqueue(ctx, kind, studentID, s.now); err != nil {
			return err
		}
	}
	return nil
}

func stepIn(steps []StepState, key string) (StepState, bool) {
	for _, s := range steps {
		if s.Key == key {
			return s, true
		}
	}
	return StepState{}, false
}
