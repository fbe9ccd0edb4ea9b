package workflows

import (
	"fmt"
	"time"
)

// EmailKind names a message template.
type EmailKind string

const (
	EmailConfirmSignup     EmailKind = "confirm_signup"
	EmailAlreadyRegistered EmailKind = "already_registered"
	EmailSeatConfirmed     EmailKind = "seat_confirmed"
	EmailWaitlisted        EmailKind = "waitlisted"
	EmailLoginLink         EmailKind = "login_link"
)

// Asked reports whether the person asks for this kind of email each time
// (a sign-in link, the confirmation of their sign-up): the only kinds sent
// after a spam complaint.
func (k EmailKind) Asked() bool { return k == EmailLoginLink || k == EmailConfirmSignup }

// emailKindLabels say what each kind of email was, for the person page once
// a sent email's subject is gone with its bodies.
var emailKindLabels = map[EmailKind]string{
	EmailConfirmSignup:     "Confirm the sign-up",
	EmailAlreadyRegistered: "Already signed up",
	EmailSeatConfirmed:     "Confirmed, awaiting review",
	EmailWaitlisted:        "On the waitlist",
	EmailLoginLink:         "Sign-in link",
	EmailCompleted:         "Mentoring completed",
	EmailCheckInAlert:      "Check-in alert",
	EmailAccepted:          "Accepted",
	EmailPromoted:          "Promoted from the waitlist",
	EmailMovedToWaitlist:   "Moved to the waitlist",
	EmailWithdrawn:         "Withdrawn by an organizer",
	EmailWithdrawnOwn:      "Withdrawal confirmed",
	EmailPairingIntro:      "Mentor introduction",
}

// Label says in words what kind of email it is.
func (k EmailKind) Label() string {
	if l, ok := emailKindLabels[k]; ok {
		return l
	}
	return string(k)
}

// Email is an outbound message stored in the outbox. What it says is decided
// in the transaction that queues it: either its rendered bodies, or, for the
// sign-up emails (RenderSignup), the data they are rendered from, which the
// sender renders. Every sign-up queues one, and its data is a few hundred
// bytes where its bodies are 5 KB written and deleted again once sent.
type Email struct {
	ID         string
	Kind       EmailKind
	PersonID   string
	To         string
	Subject    string
	HTML       string
	Text       string
	Signup     *SignupEmail // instead of HTML and Text until sent; nil for other emails
	Status     EmailStatus
	ProviderID string
	Created    time.Time
	Sent       time.Time
}

// EmailStatus follows a message from the outbox to the inbox.
type EmailStatus string

const (
	EmailQueued       EmailStatus = "queued"
	EmailSent         EmailStatus = "sent"
	EmailDelivered    EmailStatus = "delivered"
	EmailFailed       EmailStatus = "failed"
	EmailComplained   EmailStatus = "complained"
	EmailUnsubscribed EmailStatus = "unsubscribed"
	// EmailSuppressed was not sent: its person complained of spam, and it is
	// not something they asked for (a sign-in link or a sign-up confirmation).
	EmailSuppressed EmailStatus = "suppressed"
)

// EmailContent is a rendered message.
type EmailContent struct {
	Subject string
	HTML    string
	Text    string
}

// SignupEmail is what the sign-up emails talk about.
type SignupEmail struct {
	Name       string
	EventTitle string
	EventDates string
	Location   string
	Role       Role
	Link       string // the confirmation link, or the event page
	Contact    string // the organizers' address for questions, "" when the event has none
}

// signupEmail is what a sign-up email says about the event to name in role;
// the caller adds the link and, where there is one, the contact.
func signupEmail(e Event, name string, role Role) SignupEmail {
	return SignupEmail{Name: name, EventTitle: e.Title, EventDates: FormatDates(e), Location: e.Location, Role: role}
}

// RenderSignup renders a sign-up email of kind from its data; a kind that
// is not a sign-up email is an error.
func RenderSignup(r EmailRenderer, kind EmailKind, d SignupEmail) (EmailContent, error) {
	var render func(SignupEmail) (EmailContent, error)
	switch kind {
	case EmailConfirmSignup:
		render = r.ConfirmSignup
	case EmailAlreadyRegistered:
		render = r.AlreadyRegistered
	case EmailSeatConfirmed:
		render = r.SeatConfirmed
	case EmailWaitlisted:
		render = r.Waitlisted
	default:
		return EmailContent{}, fmt.Errorf("render %s email: not a sign-up email", kind)
	}
	c, err := render(d)
	if err != nil {
		return c, fmt.Errorf("render %s email: %w", kind, err)
	}
	return c, nil
}

// EmailRenderer turns message data into subject, HTML and text.
type EmailRenderer interface {
	ConfirmSignup(SignupEmail) (EmailContent, error)
	AlreadyRegistered(SignupEmail) (EmailContent, error)
	SeatConfirmed(SignupEmail) (EmailContent, error)
	Waitlisted(SignupEmail) (EmailContent, error)
	LoginLink(LoginEmail) (EmailContent, error)
	CheckInEmails // email_checkins.go
	PairingIntro(PairingIntroEmail) (EmailContent, error)
	ReminderRenderer // reminders.go
	StatusEmails     // email_status.go
}

// LoginEmail carries a one-time sign-in link.
type LoginEmail struct {
	Name    string
	Link    string
	Expires time.Duration
}
