package workflows

import "context"

// PageSize is how many registrations a page of the admin list shows.
const PageSize = 50

// SortKey is what the admin list is ordered by; the registration ID breaks
// ties, so keyset pages neither lose nor repeat a row.
type SortKey string

const (
	SortSigned    SortKey = "signed"    // when they signed up (the default)
	SortConfirmed SortKey = "confirmed" // when they confirmed their address; not yet confirmed first
	SortName      SortKey = "name"      // by name, ignoring case and accents
	SortStatus    SortKey = "status"    // by StatusSortOrder, then sign-up order
)

// SortKeys lists the sort keys in the order the list offers them.
func SortKeys() []SortKey { return []SortKey{SortSigned, SortConfirmed, SortName, SortStatus} }

// StatusSortOrder is the order of statuses when the list is sorted by
// status: the way a registration goes through them.
func StatusSortOrder() []Status {
	return []Status{StatusPending, StatusConfirmed, StatusAccepted, StatusWaitlisted, StatusActive, StatusCompleted, StatusWithdrawn}
}

// RegistrationQuery selects a page of an event's registrations ordered by
// Sort (Desc reverses it): those after the registration After (keyset paging:
// "" is the first page), matching Role, Status and Search when set, at most
// Limit.
type RegistrationQuery struct {
	Role   Role
	Status Status
	// Search is part of a name, an email address, a company or a project,
	// matched ignoring case and accents.
	Search string
	Sort   SortKey
	Desc   bool
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
	// EachRegistration calls fn with each of an event's registrations in
	// sign-up order as it reads them, stopping at fn's first error, which it
	// returns as is.
	EachRegistration(ctx context.Context, eventID string, fn func(RegistrationDetail) error) error
	// WaitlistIDs returns the waitlisted registrations of a role in waitlist
	// order (WaitlistOrder's), IDs only.
	WaitlistIDs(ctx context.Context, eventID string, role Role) ([]string, error)
	// WaitlistPlaces returns the 1-based place in its role's waitlist of
	// each of ids that is waitlisted, without reading the whole queue out.
	WaitlistPlaces(ctx context.Context, eventID string, role Role, ids []string) (map[string]int, error)
	// Waitlist returns the first limit of a role's waitlist, in order.
	Waitlist(ctx context.Context, eventID string, role Role, limit int) ([]RegistrationDetail, error)
}
