package sqlstore

import (
	"context"

	"registrar/workflows"
)

// Waitlist reads the first limit of a role's waitlist in order, from the
// registrations_queue index.
func (t *tx) Waitlist(ctx context.Context, eventID string, role workflows.Role, limit int) ([]workflows.RegistrationDetail, error) {
	return t.detailRows(ctx, onWaitlist+` ORDER BY `+waitlistOrder+` LIMIT ?`, eventID, string(role), limit)
}
