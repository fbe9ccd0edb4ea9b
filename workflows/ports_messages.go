package workflows

import (
	"context"
	"time"
)

// CohortMessage is an organizer's message to part of an event's cohort.
type CohortMessage struct {
	ID       string
	EventID  string
	AuthorID string
	Roles    []Role
	Statuses []Status
	Subject  string
	Body     string // plain text with {first_name}-style placeholders
	// AudienceHash names the exact people the preview showed; sending to
	// anyone else is refused.
	AudienceHash string
	Recipients   int
	Created      time.Time
	Sent         time.Time
}

// AudienceMember is one person a message would reach.
type AudienceMember struct {
	PersonID       string
	RegistrationID string
	Name           string
	Email          string
	Role           Role
	Status         Status
}

// MessageStore keeps organizers' messages and finds their audiences.
type MessageStore interface {
	CreateMessage(ctx context.Context, m CohortMessage) error
	MessageByID(ctx context.Context, id string) (CohortMessage, error)
	MarkMessageSent(ctx context.Context, id string, recipients int, now time.Time) error
	MessagesOfEvent(ctx context.Context, eventID string) ([]CohortMessage, error)
	// Audience lists, in name order, the people of an event in one of the
	// roles and statuses who may be sent mail of category c.
	Audience(ctx context.Context, eventID string, roles []Role, statuses []Status, c Category) ([]AudienceMember, error)
}
