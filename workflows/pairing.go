package workflows

import (
	"fmt"
	"time"
)

// Pairing is a student with a mentor in one event. Both sides are named by
// registration ID. A student has at most one open pairing (Ended zero).
type Pairing struct {
	ID        string
	EventID   string
	StudentID string // the student's registration
	MentorID  string // the mentor's registration
	Started   time.Time
	Ended     time.Time
	EndReason string
	CreatedBy string // person ID of the organizer who paired them
}

// Open reports whether the pairing has not ended.
func (p Pairing) Open() bool { return p.Ended.IsZero() }

// CanBePaired reports whether a student in status s may get a mentor:
// accepted, or already active (which moves them to another mentor).
func CanBePaired(s Status) bool { return s == StatusAccepted || s == StatusActive }

// CanMentor reports whether a mentor in status s may take mentees.
func CanMentor(s Status) bool { return s == StatusConfirmed || s == StatusAccepted }

// MentorCapacity is how many mentees a mentor takes: what they said when signing
// up, at least one.
func MentorCapacity(r Registration) int { return max(1, r.Answers.MaxMentees) }

// pairingProblem says why student and mentor cannot be paired with a mentor
// who has load open pairings, or "" when they can.
func pairingProblem(student, mentor RegistrationView, load int) string {
	switch {
	case student.Role != RoleStudent:
		return fmt.Sprintf("%s signed up as a %s, not a student.", student.Person.Name, student.Role)
	case mentor.Role != RoleMentor:
		return fmt.Sprintf("%s signed up as a %s, not a mentor.", mentor.Person.Name, mentor.Role)
	case student.EventID != mentor.EventID:
		return fmt.Sprintf("%s and %s are in different events.", student.Person.Name, mentor.Person.Name)
	case !CanBePaired(student.Status):
		return fmt.Sprintf("%s is %s: only accepted students get a mentor.", student.Person.Name, student.Status)
	case !CanMentor(mentor.Status):
		return fmt.Sprintf("%s is “%s”: only confirmed or accepted mentors take mentees.", mentor.Person.Name, mentor.Status.Label())
	case load >= MentorCapacity(mentor.Registration):
		return fmt.Sprintf("%s has no room: %d / %d mentees.", mentor.Person.Name, load, MentorCapacity(mentor.Registration))
	}
	return ""
}
