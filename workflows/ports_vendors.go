package workflows

import "context"

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
	Description    string // ends with the registration's marker line (CardDescription)
	List           string // list named for the status, e.g. "Applicants"
	Label          string // the role
	// Checklist is the contributor steps, ticked as they are done; nil for a
	// card without one (sync_mentoring.go).
	Checklist []CheckItem
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
