package workflows

import (
	"context"
	"time"
)

// SyncTx is what the integrations' inbound side needs: webhook replay
// protection, and finding our records by the vendor's IDs.
type SyncTx interface {
	// RememberWebhookToken records a webhook's token; Conflict when seen before.
	RememberWebhookToken(ctx context.Context, source, token string, now time.Time) error
	EmailByProviderID(ctx context.Context, providerID string) (Email, error)
	SetEmailStatus(ctx context.Context, id string, s EmailStatus) error
	MarkUndeliverable(ctx context.Context, personID string) error
	MarkUnsubscribed(ctx context.Context, personID string) error
	// RegistrationByCardID finds the registration a Trello card mirrors.
	RegistrationByCardID(ctx context.Context, cardID string) (RegistrationView, error)
}
