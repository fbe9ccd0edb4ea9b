package sqlstore

import (
	"context"
	"fmt"
	"time"

	"registrar/workflows"
)

// webhookTokenTTL is how long a seen token is kept: longer than the window in
// which a webhook's timestamp is accepted at all.
const webhookTokenTTL = time.Hour

func (t *tx) RememberWebhookToken(ctx context.Context, source, token string, now time.Time) error {
	if _, err := t.exec(ctx, `DELETE FROM webhook_tokens WHERE seen_at < ?`, toMicros(now.Add(-webhookTokenTTL))); err != nil {
		return fmt.Errorf("prune webhook tokens: %w", err)
	}
	res, err := t.exec(ctx, `INSERT INTO webhook_tokens (source, token, seen_at) VALUES (?, ?, ?)
		ON CONFLICT (source, token) DO NOTHING`, source, token, toMicros(now))
	if err != nil {
		return fmt.Errorf("remember webhook token: %w", err)
	}
	n, err := affected(res, "remember webhook token")
	if err != nil {
		return err
	}
	if n == 0 {
		return workflows.E(workflows.Conflict, "This webhook was delivered before.")
	}
	return nil
}

// ReportedEmail looks the email up by its primary key (no index on the
// provider's ID is kept for this, migration 00071); the provider ID must
// match too, so a report about another message never touches ours.
func (t *tx) ReportedEmail(ctx context.Context, emailID, providerID string) (workflows.Email, error) {
	e, err := scanEmail(t.queryRow(ctx, `SELECT `+emailColumns+` FROM `+emailsWithBodies+`
		WHERE id = ? AND provider_id = ? AND provider_id <> ''`, emailID, providerID))
	if err != nil {
		return e, fmt.Errorf("reported email: %w", classify(t.d, err))
	}
	return e, nil
}

func (t *tx) SetEmailStatus(ctx context.Context, id string, s workflows.EmailStatus) error {
	res, err := t.exec(ctx, `UPDATE outbound_emails SET status = ? WHERE id = ?`, string(s), id)
	if err != nil {
		return fmt.Errorf("set email %s status: %w", id, err)
	}
	return mustAffect(res, "set email status")
}

func (t *tx) MarkUndeliverable(ctx context.Context, personID string) error {
	res, err := t.exec(ctx, `UPDATE people SET undeliverable = ? WHERE id = ?`, true, personID)
	if err != nil {
		return fmt.Errorf("mark %s undeliverable: %w", personID, err)
	}
	return mustAffect(res, "mark undeliverable")
}

func (t *tx) MarkUnsubscribed(ctx context.Context, personID string) error {
	res, err := t.exec(ctx, `UPDATE people SET unsubscribed = ? WHERE id = ?`, true, personID)
	if err != nil {
		return fmt.Errorf("mark %s unsubscribed: %w", personID, err)
	}
	return mustAffect(res, "mark unsubscribed")
}

func (t *tx) RegistrationByCardID(ctx context.Context, cardID string) (workflows.RegistrationView, error) {
	var id string
	err := t.queryRow(ctx, `SELECT job_key FROM jobs WHERE kind = ? AND external_id = ? AND external_id <> ''`,
		string(workflows.JobTrelloCard), cardID).Scan(&id)
	if err != nil {
		return workflows.RegistrationView{}, fmt.Errorf("registration of card %s: %w", cardID, classify(t.d, err))
	}
	return t.RegistrationByID(ctx, id)
}
