package workflows

import "context"

// OrganizerStore finds the organizers, whom check-ins that need them email.
type OrganizerStore interface {
	Organizers(ctx context.Context) ([]Person, error)
}
