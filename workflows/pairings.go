package workflows

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// Pairings is the organizers' work of giving each accepted student a mentor.
type Pairings struct{ Deps }

// Audit actions of pairing.
const (
	AuditPair     AuditAction = "pairing.create"
	AuditPairMove AuditAction = "pairing.move"
	AuditPairEnd  AuditAction = "pairing.end"
)

// SuggestionsShown is how many mentors the pairings page proposes per student.
const SuggestionsShown = 3

// PairingBoard is an event's pairings page.
type PairingBoard struct {
	Event    Event
	Unpaired []UnpairedStudent // accepted or active students without a mentor, in sign-up order
	Current  []CurrentPairing  // open pairings, by mentor then start
	Mentors  []MentorLoad      // every mentor who may take mentees, by name
}

// UnpairedStudent is a student waiting for a mentor, with the best matches.
type UnpairedStudent struct {
	Student     RegistrationView
	Suggestions []Suggestion
}

// CurrentPairing is an open pairing with both people and the mentor's load.
type CurrentPairing struct {
	Pairing
	Student, Mentor RegistrationView
	Load, Capacity  int
}

// WithRoom lists the mentors who can take one more mentee.
func (b PairingBoard) WithRoom() []MentorLoad {
	var out []MentorLoad
	for _, m := range b.Mentors {
		if m.Free() > 0 {
			out = append(out, m)
		}
	}
	return out
}

// Board shows who needs a mentor, with suggestions, and who is paired.
func (s *Pairings) Board(ctx context.Context, v Viewer, slug string) (PairingBoard, error) {
	if err := v.organizer(); err != nil {
		return PairingBoard{}, err
	}
	var b PairingBoard
	err := s.Store.View(ctx, func(tx Tx) error {
		e, err := eventNamed(ctx, tx.Events, slug)
		if err != nil {
			return err
		}
		b, err = loadBoard(ctx, tx, e)
		return err
	})
	return b, err
}

// loadBoard reads an event's registrations and open pairings in two queries
// and works out the rest in memory.
func loadBoard(ctx context.Context, tx Tx, e Event) (PairingBoard, error) {
	b := PairingBoard{Event: e}
	regs, err := tx.Registrations.RegistrationsOfEvent(ctx, e.ID)
	if err != nil {
		return b, err
	}
	open, err := tx.Pairings.OpenPairingsOfEvent(ctx, e.ID)
	if err != nil {
		return b, err
	}
	byID := make(map[string]RegistrationView, len(regs))
	for _, r := range regs {
		byID[r.ID] = r.RegistrationView
	}
	load, paired := map[string]int{}, map[string]bool{}
	for _, p := range open {
		load[p.MentorID]++
		paired[p.StudentID] = true
	}
	for _, r := range regs {
		if r.Role == RoleMentor && CanMentor(r.Status) {
			b.Mentors = append(b.Mentors, MentorLoad{Mentor: r.RegistrationView, Load: load[r.ID]})
		}
	}
	slices.SortFunc(b.Mentors, func(x, y MentorLoad) int {
		return cmp.Or(cmp.Compare(strings.ToLower(x.Mentor.Person.Name), strings.ToLower(y.Mentor.Person.Name)), cmp.Compare(x.Mentor.ID, y.Mentor.ID))
	})
	sg := NewSuggester(e)
	for _, r := range regs {
		if r.Role == RoleStudent && CanBePaired(r.Status) && !paired[r.ID] {
			b.Unpaired = append(b.Unpaired, UnpairedStudent{Student: r.RegistrationView,
				Suggestions: sg.Suggest(r.RegistrationView, b.Mentors, SuggestionsShown)})
		}
	}
	// By mentor's name, stable: sort the small keys, then place the rows
	// (each over a kilobyte) once.
	type key struct {
		i    int
		name string
	}
	keys := make([]key, len(open))
	for i, p := range open {
		keys[i] = key{i, strings.ToLower(byID[p.MentorID].Person.Name)}
	}
	slices.SortStableFunc(keys, func(x, y key) int { return cmp.Compare(x.name, y.name) })
	for _, k := range keys {
		p := open[k.i]
		m := byID[p.MentorID]
		b.Current = append(b.Current, CurrentPairing{Pairing: p, Student: byID[p.StudentID], Mentor: m,
			Load: load[p.MentorID], Capacity: MentorCapacity(m.Registration)})
	}
	return b, nil
}

// PairResult says what a pairing did, for the flash message.
type PairResult struct {
	Pairing Pairing
	Student RegistrationView
	Mentor  RegistrationView
	Moved   bool // the student had another mentor before
}

// Pair gives a student a mentor: both registration IDs of one event, the
// student accepted (or active, which moves them from their mentor), the
// mentor confirmed or accepted with room. Anything else is Invalid with the
// reason, and nothing changes. The student becomes active, both are
// emailed an introduction, and the sheet and board follow.
func (s *Pairings) Pair(ctx context.Context, v Viewer, studentID, mentorID string) (PairResult, error) {
	if err := v.organizer(); err != nil {
		return PairResult{}, err
	}
	studentID, mentorID = strings.TrimSpace(studentID), strings.TrimSpace(mentorID)
	viol := Violations{}
	viol.Check(studentID != "", "student", "Choose a student.")
	viol.Check(mentorID != "", "mentor", "Choose a mentor.")
	if err := viol.Err(); err != nil {
		return PairResult{}, err
	}
	var out PairResult
	err := s.Store.InTx(ctx, func(tx Tx) error {
		var err error
		out, err = s.pair(ctx, tx, v, studentID, mentorID)
		return err
	})
	return out, err
}

// pair does Pair's work inside tx.
func (s *Pairings) pair(ctx context.Context, tx Tx, v Viewer, studentID, mentorID string) (PairResult, error) {
	now := s.Clock.Now()
	student, err := tx.Registrations.RegistrationByID(ctx, studentID)
	if KindOf(err) == NotFound {
		return PairResult{}, E(Invalid, "There is no such student registration.")
	}
	if err != nil {
		return PairResult{}, err
	}
	mentor, err := tx.Registrations.RegistrationByID(ctx, mentorID)
	if KindOf(err) == NotFound {
		return PairResult{}, E(Invalid, "There is no such mentor registration.")
	}
	if err != nil {
		return PairResult{}, err
	}
	// The event's lock makes the count below and the insert one decision:
	// two organizers filling a mentor's last place cannot both succeed.
	if err := tx.Events.LockEvent(ctx, student.EventID); err != nil {
		return PairResult{}, err
	}
	mentees, err := tx.Pairings.OpenPairingsOfMentor(ctx, mentor.ID)
	if err != nil {
		return PairResult{}, err
	}
	if problem := pairingProblem(student, mentor, len(mentees)); problem != "" {
		return PairResult{}, E(Invalid, problem)
	}
	out := PairResult{Student: student, Mentor: mentor}
	before, err := tx.Pairings.OpenPairingOfStudent(ctx, student.ID)
	switch {
	case err == nil && before.MentorID == mentor.ID:
		return PairResult{}, E(Invalid, fmt.Sprintf("%s is paired with %s already.", student.Person.Name, mentor.Person.Name))
	case err == nil:
		if err := s.moveAway(ctx, tx, v, before, student, mentor); err != nil {
			return PairResult{}, err
		}
		out.Moved = true
	case KindOf(err) != NotFound:
		return PairResult{}, err
	}
	out.Pairing = Pairing{ID: NewID(), EventID: student.EventID, StudentID: student.ID, MentorID: mentor.ID, Started: now, CreatedBy: v.PersonID}
	if err := tx.Pairings.CreatePairing(ctx, out.Pairing); err != nil {
		return PairResult{}, err
	}
	detail := fmt.Sprintf("Paired %s with %s in %s.", student.Person.Name, mentor.Person.Name, student.Event.Title)
	seat := s.seating(v, now)
	if student.Status == StatusAccepted {
		err = seat.set(ctx, tx, &student, StatusActive, AuditPair, detail+" Mentoring starts.")
	} else {
		err = s.mirror(ctx, tx, student.ID, func() error {
			return audit(ctx, tx.Audit, v, now, AuditEntry{Action: AuditPair, EventID: student.EventID,
				PersonID: student.PersonID, RegistrationID: student.ID, Detail: detail})
		})
	}
	if err != nil {
		return PairResult{}, err
	}
	out.Student = student
	return out, s.introduce(ctx, tx, student, mentor, now)
}

// moveAway ends the student's pairing with another mentor, with an audit line.
func (s *Pairings) moveAway(ctx context.Context, tx Tx, v Viewer, before Pairing, student, to RegistrationView) error {
	now := s.Clock.Now()
	from, err := tx.Registrations.RegistrationByID(ctx, before.MentorID)
	if err != nil {
		return err
	}
	reason := "Moved to " + to.Person.Name + "."
	if err := tx.Pairings.EndPairing(ctx, before.ID, now, reason); err != nil {
		return err
	}
	return audit(ctx, tx.Audit, v, now, AuditEntry{Action: AuditPairMove, EventID: student.EventID, PersonID: student.PersonID,
		RegistrationID: student.ID, Detail: fmt.Sprintf("Moved %s from %s to %s.", student.Person.Name, from.Person.Name, to.Person.Name)})
}

// mirror runs fn and enqueues the sync of registrationID.
func (s *Pairings) mirror(ctx context.Context, tx Tx, registrationID string, fn func() error) error {
	if err := fn(); err != nil {
		return err
	}
	for _, kind := range s.Mirrors {
		if err := tx.Jobs.Enqueue(ctx, kind, registrationID, s.Clock.Now()); err != nil {
			return err
		}
	}
	return nil
}

// PairAllResult counts what "pair everyone with their first suggestion" did.
type PairAllResult struct {
	Paired int
	Left   int // students no mentor had room for
}

// PairAll pairs every unpaired student with their first suggestion, in
// sign-up order, recomputing suggestions as places fill: a last place goes
// to one student only. One transaction: all of it happens or none.
func (s *Pairings) PairAll(ctx context.Context, v Viewer, slug string) (PairAllResult, error) {
	if err := v.organizer(); err != nil {
		return PairAllResult{}, err
	}
	var out PairAllResult
	err := s.Store.InTx(ctx, func(tx Tx) error {
		e, err := eventNamed(ctx, tx.Events, slug)
		if err != nil {
			return err
		}
		if err := tx.Events.LockEvent(ctx, e.ID); err != nil {
			return err
		}
		b, err := loadBoard(ctx, tx, e)
		if err != nil {
			return err
		}
		sg := NewSuggester(e)
		for _, u := range b.Unpaired {
			first := sg.Suggest(u.Student, b.Mentors, 1)
			if len(first) == 0 {
				out.Left++
				continue
			}
			if _, err := s.pair(ctx, tx, v, u.Student.ID, first[0].Mentor.ID); err != nil {
				return fmt.Errorf("pair %s: %w", u.Student.ID, err)
			}
			for i := range b.Mentors {
				if b.Mentors[i].Mentor.ID == first[0].Mentor.ID {
					b.Mentors[i].Load++
				}
			}
			out.Paired++
		}
		return nil
	})
	return out, err
}
