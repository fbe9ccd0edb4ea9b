package workflows

import "time"

// Role is how someone takes part in an event.
type Role string

const (
	RoleStudent Role = "student"
	RoleMentor  Role = "mentor"
)

// ParseRole reads the role named in a URL or form ("students" or "student").
func ParseRole(s string) (Role, bool) {
	switch s {
	case "student", "students":
		return RoleStudent, true
	case "mentor", "mentors":
		return RoleMentor, true
	}
	return "", false
}

// Status is where a registration stands.
type Status string

const (
	StatusPending    Status = "pending"    // address not confirmed yet
	StatusConfirmed  Status = "confirmed"  // address confirmed, holds a seat
	StatusAccepted   Status = "accepted"   // accepted by an organizer
	StatusWaitlisted Status = "waitlisted" // confirmed, but no seat was free
	StatusActive     Status = "active"     // in the mentoring phase
	StatusCompleted  Status = "completed"
	StatusWithdrawn  Status = "withdrawn"
)

// HoldsSeat reports whether a registration in status s counts against capacity.
func (s Status) HoldsSeat() bool {
	switch s {
	case StatusConfirmed, StatusAccepted, StatusActive, StatusCompleted:
		return true
	}
	return false
}

// SeatStatuses lists the statuses that count against capacity.
func SeatStatuses() []Status {
	return []Status{StatusConfirmed, StatusAccepted, StatusActive, StatusCompleted}
}

// Registration is a person taking part in an event in one role.
type Registration struct {
	ID       string
	EventID  string
	PersonID string
	Role     Role
	Status   Status
	Answers  Answers
	Created  time.Time
	Updated  time.Time
}

// Answers are the sign-up form's free answers beyond the person's details.
type Answers struct {
	Project    string `json:"project,omitempty"`    // student: the project they want to contribute to
	Experience string `json:"experience,omitempty"` // student
	Goals      string `json:"goals,omitempty"`      // student
	Projects   string `json:"projects,omitempty"`   // mentor: projects they can mentor in
	MaxMentees int    `json:"max_mentees,omitempty"`
}

// RegistrationView is a registration with the event and person it joins,
// which is what emails, sheets and cards need.
type RegistrationView struct {
	Registration
	Event  Event
	Person Person
}
