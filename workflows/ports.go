package workflows

import (
	"context"
	"time"
)

// Store runs fn in one database transaction: everything fn writes, job rows
// included, commits together or not at all.
type Store interface {
	InTx(ctx context.Context, fn func(Tx) error) error
}

// Tx is the data the use cases read and write inside a transaction. Methods
// return NotFound errors for missing rows and Conflict for unique violations.
type Tx interface {
	SyncTx
	AccountsTx // sign-in, admin area and people's own pages: ports_accounts.go

	// Events
	CreateEvent(ctx context.Context, e Event) error
	EventBySlug(ctx context.Context, slug string) (Event, error)
	EventByID(ctx context.Context, id string) (Event, error)
	ListOpenEvents(ctx context.Context, now time.Time) ([]Event, error)
	// LockEvent serialises capacity decisions for one event (SELECT … FOR UPDATE).
	LockEvent(ctx context.Context, id string) error

	// People
	PersonByEmail(ctx context.Context, email string) (Person, error)
	PersonByID(ctx context.Context, id string) (Person, error)
	CreatePerson(ctx context.Context, p Person) error
	UpdatePersonDetails(ctx context.Context, p Person) error
	SetOrganizer(ctx context.Context, personID string, organizer bool) error

	// Registrations
	CreateRegistration(ctx context.Context, r Registration) error
	RegistrationByID(ctx context.Context, id string) (RegistrationView, error)
	RegistrationFor(ctx context.Context, eventID, personID string) (Registration, error)
	SetRegistrationStatus(ctx context.Context, id string, s Status, now time.Time) error
	CountSeats(ctx context.Context, eventID string, role Role) (int, error)

	// One-time tokens (confirmation and login links), stored hashed.
	CreateToken(ctx context.Context, t Token) error
	TokenByHash(ctx context.Context, purpose TokenPurpose, hash string) (Token, error)
	UseToken(ctx context.Context, hash string, now time.Time) error

	// Outbox
	QueueEmail(ctx context.Context, e Email) error
	EmailByID(ctx context.Context, id string) (Email, error)
	MarkEmailSent(ctx context.Context, id, providerID string, now time.Time) error
	Enqueue(ctx context.Context, kind JobKind, key string, runAt time.Time) error
}

// Mailer sends one message. Message.ID is the idempotency key: sending the
// same ID twice must not deliver twice where the provider can prevent it.
type Mailer interface {
	Send(ctx context.Context, m Message) (providerID string, err error)
}

// Message is an email ready to send.
type Message struct {
	ID      string
	To      string
	Subject string
	HTML    string
	Text    string
	Tag     string            // the email kind, for provider analytics
	Headers map[string]string // e.g. List-Unsubscribe
	// MaybeSent says an earlier attempt ended with an unknown outcome: the
	// adapter should look for the message at the provider before sending again.
	MaybeSent bool
}

// SheetRow is one registration as the spreadsheet shows it. Values are the
// owned columns after column A, which holds RegistrationID.
type SheetRow struct {
	RegistrationID string
	Values         []string
}

// SheetWriter keeps a tab holding exactly one row per registration ID.
type SheetWriter interface {
	// UpsertRows creates the tab with header (column A's title first) when
	// missing, rewrites the owned
	// columns of rows whose ID is present and appends the others in one call.
	UpsertRows(ctx context.Context, tab string, header []string, rows []SheetRow) error
	// DeleteRows removes the rows holding these IDs (erasure).
	DeleteRows(ctx context.Context, tab string, ids []string) error
}

// Card is one registration as the Trello board shows it.
type Card struct {
	RegistrationID string
	Name           string
	Description    string // holds the marker "registrar:<RegistrationID>"
	List           string // list named for the status, e.g. "Applicants"
	Label          string // the role
}

// BoardWriter keeps one card per registration.
type BoardWriter interface {
	// PutCard updates the card cardID, or creates one when cardID is empty.
	// lookFirst says an earlier create may have succeeded unseen: find the
	// card by its marker before creating. It returns the card's ID.
	PutCard(ctx context.Context, cardID string, c Card, lookFirst bool) (string, error)
	// FindCard returns the ID of the card carrying the registration's marker,
	// or "" when there is none.
	FindCard(ctx context.Context, registrationID string) (string, error)
	// DeleteCard deletes a card; one that is gone already is no error.
	DeleteCard(ctx context.Context, cardID string) error
}
