package workflows

import (
	"context"
	"fmt"
	"time"
)

// Headers of every non-transactional email (RFC 8058): a per-recipient
// one-click unsubscribe link.
func unsubscribeHeaders() map[string]string {
	return map[string]string{
		"List-Unsubscribe":      "<" + recipientVar("unsubscribe_url") + ">",
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
	}
}

// SendBatch is the handler of JobSendBatch: one provider call for the
// batch's queued sends. People who stopped the category, bounced or
// complained since the batch was planned are skipped. A batch marked sent is
// done; a retry after an unknown outcome asks the mailer to look for the
// batch before sending it again.
func (s *Reminders) SendBatch(ctx context.Context, job JobRef) (string, error) {
	var (
		b   Batch
		msg BatchMessage
	)
	now := s.Clock.Now()
	err := s.Store.InTx(ctx, func(tx Tx) error {
		var err error
		if b, err = tx.Sends.BatchByID(ctx, job.Key); err != nil || b.State != SendQueued {
			return err
		}
		msg, err = s.batchMessage(ctx, tx, b, now)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("load batch %s: %w", job.Key, err)
	}
	if b.State != SendQueued {
		return b.ProviderID, nil
	}
	providerID := ""
	if len(msg.Recipients) > 0 {
		msg.MaybeSent = job.Attempt > 1
		if providerID, err = s.Mailer.SendBatch(ctx, msg); err != nil {
			return "", fmt.Errorf("send batch %s: %w", b.ID, err)
		}
	}
	err = s.Store.InTx(ctx, func(tx Tx) error { return tx.Sends.MarkBatchSent(ctx, b.ID, providerID, s.Clock.Now()) })
	if err != nil {
		return "", fmt.Errorf("record batch %s sent: %w", b.ID, err)
	}
	return providerID, nil
}

// batchMessage builds the provider call: each member gets a fresh
// unsubscribe token (stored hashed) and their own link.
func (s *Reminders) batchMessage(ctx context.Context, tx Tx, b Batch, now time.Time) (BatchMessage, error) {
	members, err := tx.Sends.BatchMembers(ctx, b.ID)
	if err != nil {
		return BatchMessage{}, err
	}
	ev, err := tx.Events.EventByID(ctx, b.EventID)
	if err != nil {
		return BatchMessage{}, err
	}
	msg := BatchMessage{ID: b.ID, Subject: b.Subject, HTML: b.HTML, Text: b.Text, Tag: b.Kind, Headers: unsubscribeHeaders()}
	var stopped []string
	for _, m := range members {
		if m.Stopped {
			stopped = append(stopped, m.SendID)
			continue
		}
		token, hash := NewToken()
		if err := tx.Sends.CreateUnsubscribeToken(ctx, hash, m.PersonID, b.Category, now); err != nil {
			return msg, err
		}
		link, err := s.link(ctx, tx, b.Kind, ev, m, now)
		if err != nil {
			return msg, err
		}
		msg.Recipients = append(msg.Recipients, BatchRecipient{To: m.Email,
			Vars: recipientVars(m.SendID, m.Name, m.Email, link, s.Links.Unsubscribe(token))})
	}
	if len(stopped) > 0 {
		if err := tx.Sends.SetSendState(ctx, stopped, SendSkipped, now); err != nil {
			return msg, err
		}
	}
	return msg, nil
}

// link is where a reminder of kind sends its recipient; an unconfirmed
// sign-up gets a fresh confirmation link.
func (s *Reminders) link(ctx context.Context, tx Tx, kind string, ev Event, m BatchMember, now time.Time) (string, error) {
	switch RuleKind(kind) {
	case RuleUnconfirmed:
		token, hash := NewToken()
		err := tx.Tokens.CreateToken(ctx, Token{Hash: hash, Purpose: TokenConfirm, PersonID: m.PersonID,
			RegistrationID: m.RegistrationID, Expires: now.Add(ConfirmTokenLifetime), Created: now})
		return s.Links.Confirm(token), err
	case RuleCheckInDue:
		return s.Links.Page("/mentor/events/" + ev.Slug), nil
	case RuleStudentNudge:
		return s.Links.Page("/me"), nil
	case RuleOrganizerDigest:
		return s.Links.Page("/admin/events/" + ev.Slug), nil
	}
	return s.Links.Event(ev.Slug), nil
}
