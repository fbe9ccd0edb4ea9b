package workflows

import "time"

// CheckInState is how the mentor sees their mentee this week.
type CheckInState string

const (
	CheckInOnTrack    CheckInState = "on_track"
	CheckInNeedsHelp  CheckInState = "needs_help"
	CheckInBlocked    CheckInState = "blocked"
	CheckInNoResponse CheckInState = "no_response"
)

// CheckInStates lists the states in the order forms offer them.
func CheckInStates() []CheckInState {
	return []CheckInState{CheckInOnTrack, CheckInNeedsHelp, CheckInBlocked, CheckInNoResponse}
}

// Label is the state as people read it.
func (s CheckInState) Label() string {
	switch s {
	case CheckInOnTrack:
		return "On track"
	case CheckInNeedsHelp:
		return "Needs help"
	case CheckInBlocked:
		return "Blocked"
	case CheckInNoResponse:
		return "No response"
	}
	return string(s)
}

// CheckIn is a mentor's weekly note about one pairing: one per ISO week.
type CheckIn struct {
	ID                string
	PairingID         string
	Week              ISOWeek
	Met               bool
	State             CheckInState
	Notes             string
	NextSteps         string
	NeedsOrganizer    bool
	AuthorID          string // person ID of the mentor (or organizer) who wrote it
	Created           time.Time
	Updated           time.Time
	OrganizerNotified time.Time // when organizers were emailed about it; zero if never
}

// ActivityKind is what counted as progress.
type ActivityKind string

const (
	ActivityStep    ActivityKind = "step"     // a step done
	ActivityCheckIn ActivityKind = "check_in" // a check-in recorded
)

// Activity is one piece of progress of a student, kept for the weekly chart
// and for "days since the last progress".
type Activity struct {
	ID             string
	EventID        string
	RegistrationID string // the student's
	Kind           ActivityKind
	StepKey        string // for ActivityStep
	Week           ISOWeek
	At             time.Time
}

// WeekActivity counts one kind of activity of an event in one week.
type WeekActivity struct {
	Week ISOWeek
	Kind ActivityKind
	N    int
}
