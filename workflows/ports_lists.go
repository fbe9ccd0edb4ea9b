package workflows

import "context"

// PageSize is how many registrations a page of the admin list shows.
const PageSize = 50

// RegistrationQuery selects a page of an event's registrations in sign-up
// order: those after the registration After (keyset paging: "" is the first
// page), matching Role, Status and Search when set, at most Limit.
type RegistrationQuery struct {
	Role   Role
	Status Status
	Search string // part of a name or an email address, in any case
	After  string // a registration ID
	Limit  int
}

// ListStore reads lists a page at a time, so a page costs the same with ten
// registrations or ten thousand.
type ListStore interface {
	// RegistrationPage returns the page with each row's event and person.
	RegistrationPage(ctx context.Context, eventID string, q RegistrationQuery) ([]RegistrationDetail, error)
	// CountMatching counts the registrations q matches, ignoring After and Limit.
	CountMatching(ctx context.Context, eventID string, q RegistrationQuery) (int, error)
	// EventCounts counts one event's registrations by role and status.
	EventCounts(ctx context.Context, eventID string) ([]RegistrationCount, error)
	// WaitlistIDs returns the waitlisted registrations of a role in waitlist
	// order (WaitlistOrder's), IDs only.
	WaitlistIDs(ctx context.Context, eventID string, role Role) ([]string, error)
}
