package workflows

import (
	"context"
	"time"
)

// JobSendBatch sends one batch of reminders or of an organizer's message in
// one provider call. Key: the batch ID.
const JobSendBatch JobKind = "mail.batch"

// EventRule is a rule with the event it belongs to.
type EventRule struct {
	Rule
	Event Event
}

// Send is one person's copy of a rule's (or a message's) mail for one period.
type Send struct {
	ID             string
	SourceID       string // the rule or the message
	EventID        string
	PersonID       string
	RegistrationID string
	Period         string
	State          SendState
	Due            time.Time
	BatchID        string
	Created        time.Time
	Updated        time.Time
}

// Batch is what one provider call sends: a body with %recipient.…%
// placeholders, rendered when the batch was planned.
type Batch struct {
	ID         string
	EventID    string
	SourceID   string
	Kind       string // the rule kind, or "message"
	Category   Category
	Subject    string
	HTML       string
	Text       string
	State      SendState // queued, then sent
	ProviderID string
	Created    time.Time
	Sent       time.Time
}

// BatchMember is one queued send of a batch with what its recipient
// variables need, and whether the person may still be mailed.
type BatchMember struct {
	SendID         string
	PersonID       string
	RegistrationID string
	Email          string
	Name           string
	// Stopped says the person opted out of the batch's category, or their
	// address bounced or complained, after the send was planned.
	Stopped bool
}

// ReminderStore is what the scheduler reads and writes: rules, whom they
// concern, and send rows with their batches.
type ReminderStore interface {
	CreateRules(ctx context.Context, rules []Rule) error
	RulesOfEvent(ctx context.Context, eventID string) ([]Rule, error)
	UpdateRule(ctx context.Context, r Rule) error
	// LiveRules returns the rules of every event that has not ended at now.
	LiveRules(ctx context.Context, now time.Time) ([]EventRule, error)
	// Candidates lists whom the rule concerns, leaving out people who
	// opted out of its category, bounced or complained.
	Candidates(ctx context.Context, r EventRule, now time.Time) ([]Candidate, error)
	// TakenPeriods returns "personID|period" for the sends of source in periods.
	TakenPeriods(ctx context.Context, sourceID string, periods []string) (map[string]bool, error)
	// InsertSends inserts the sends whose (source, person, period) is free
	// and says how many it inserted.
	InsertSends(ctx context.Context, sends []Send) (int, error)
	CreateBatch(ctx context.Context, b Batch) error
	// EventsWithoutRules lists events created before reminders existed.
	EventsWithoutRules(ctx context.Context) ([]Event, error)
	// DigestFacts counts what the organizers' digest reports since since.
	DigestFacts(ctx context.Context, eventID string, since time.Time) (DigestFacts, error)
}

// SendStore is what sending a batch and following it up needs.
type SendStore interface {
	BatchByID(ctx context.Context, id string) (Batch, error)
	BatchMembers(ctx context.Context, batchID string) ([]BatchMember, error)
	// MarkBatchSent records the provider's ID and marks its queued sends sent.
	MarkBatchSent(ctx context.Context, id, providerID string, now time.Time) error
	SetSendState(ctx context.Context, ids []string, s SendState, now time.Time) error
	SendByID(ctx context.Context, id string) (Send, error)
	CreateUnsubscribeToken(ctx context.Context, hash, personID string, c Category, now time.Time) error
	// SendCounts counts the sends of a rule or message by state.
	SendCounts(ctx context.Context, sourceID string) (map[SendState]int, error)
	// SendHistory summarises the batches of an event, newest first.
	SendHistory(ctx context.Context, eventID string, limit int) ([]SendSummary, error)
}

// SendSummary is one batch as organizers see it: how its sends fared.
type SendSummary struct {
	Batch
	Counts map[SendState]int
}

// PreferenceStore keeps who stopped which category.
type PreferenceStore interface {
	// UnsubscribeToken returns whom a token names; NotFound when unknown.
	UnsubscribeToken(ctx context.Context, hash string) (personID string, c Category, err error)
	SetPreference(ctx context.Context, personID string, c Category, unsubscribed bool, now time.Time) error
	// Unsubscribed returns the categories the person stopped.
	Unsubscribed(ctx context.Context, personID string) (map[Category]bool, error)
}

// BatchRecipient is one recipient of a batch and their own values for the
// %recipient.KEY% placeholders.
type BatchRecipient struct {
	To   string
	Vars map[string]string // always holds "send_id"
}

// BatchMessage is one provider call: the same body to up to MaxBatch
// recipients, each of whom sees only their own address and values.
type BatchMessage struct {
	ID         string // the batch ID: the idempotency key
	Subject    string
	HTML       string
	Text       string
	Tag        string
	Headers    map[string]string // may hold placeholders
	Recipients []BatchRecipient
	// MaybeSent says an earlier attempt's outcome is unknown: look for the
	// batch at the provider before sending it again.
	MaybeSent bool
	// OfEmails says each recipient's send_id is a queued email's ID (sign-up
	// emails sent together), not a send of a reminder batch: the provider's
	// reports then name the email, as for an email sent alone.
	OfEmails bool
}

// MaxBatch is the most recipients one provider call takes (Mailgun's limit).
const MaxBatch = 1000

// BatchMailer sends a batch in one call and returns the provider's ID.
type BatchMailer interface {
	SendBatch(ctx context.Context, m BatchMessage) (providerID string, err error)
}
