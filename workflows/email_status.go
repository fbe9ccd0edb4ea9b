package workflows

import (
	"context"
	"fmt"
)

// Emails that tell a person what became of their registration: an
// organizer's decision, a seat from the waitlist, or their own withdrawal.
const (
	EmailAccepted        EmailKind = "accepted"             // an organizer accepted a confirmed registration
	EmailPromoted        EmailKind = "promoted"             // a seat from the waitlist, given by hand or freed
	EmailMovedToWaitlist EmailKind = "moved_to_waitlist"    // an organizer moved it to the waitlist
	EmailWithdrawn       EmailKind = "withdrawn"            // an organizer withdrew it, with the reason
	EmailWithdrawnOwn    EmailKind = "withdrawal_confirmed" // the person withdrew it themselves
)

// StatusEmail is what a status email says: the event, the new status in
// the plain vocabulary and, where it applies, the place in line and the
// reason an organizer gave.
type StatusEmail struct {
	SignupEmail // Link is the person's own page (/me or /mentor)
	Kind        EmailKind
	Status      Status
	StatusLabel string // Status.PlaceLabel(Place)
	Place       int    // the place in line when waitlisted; 0 otherwise
	Reason      string // why an organizer withdrew it
}

// StatusEmails renders the status emails.
type StatusEmails interface {
	StatusChange(StatusEmail) (EmailContent, error)
}

// statusEmail queues the email of kind about reg (whose Status is the new
// one) to its person.
func (s seating) statusEmail(ctx context.Context, tx Tx, reg RegistrationView, kind EmailKind, place int, reason string) error {
	home := "/me"
	if reg.Role == RoleMentor {
		home = "/mentor"
	}
	content, err := tx.Contents.EventContent(ctx, reg.EventID)
	if err != nil {
		return err
	}
	mail := signupEmail(reg.Event, reg.Person.Name, reg.Role)
	mail.Link, mail.Contact = s.links.Page(home), content.ContactEmail
	d := StatusEmail{SignupEmail: mail, Kind: kind, Status: reg.Status, StatusLabel: reg.Status.PlaceLabel(place), Place: place, Reason: reason}
	c, err := s.emails.StatusChange(d)
	if err != nil {
		return fmt.Errorf("render %s email: %w", kind, err)
	}
	return tx.Emails.QueueEmail(ctx, Email{ID: NewID(), Kind: kind, PersonID: reg.PersonID, To: reg.Person.Email,
		Subject: c.Subject, HTML: c.HTML, Text: c.Text, Status: EmailQueued, Created: s.now})
}
