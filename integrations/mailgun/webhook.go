package mailgun

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"registrar/workflows"
)

// Why a webhook signature was refused; VerifyWebhook wraps them in a
// Forbidden error.
var (
	ErrBadSignature = errors.New("mailgun webhook: bad signature")
	ErrStale        = errors.New("mailgun webhook: timestamp too old or in the future")
)

// maxSkew is how far a webhook's timestamp may be from now.
const maxSkew = 15 * time.Minute

// VerifyWebhook checks a webhook's signature block: signature is the hex
// HMAC-SHA256 of timestamp followed by token, keyed with the webhook signing
// key, and timestamp (Unix seconds) is within 15 minutes of now. The caller
// refuses a token it has seen before (replay). It returns a Forbidden error
// wrapping ErrBadSignature or ErrStale.
func VerifyWebhook(key, timestamp, token, signature string, now time.Time) error {
	if key == "" || timestamp == "" || token == "" || signature == "" {
		return workflows.Wrap(workflows.Forbidden, "Bad webhook signature.", ErrBadSignature)
	}
	got, err := hex.DecodeString(signature)
	if err != nil {
		return workflows.Wrap(workflows.Forbidden, "Bad webhook signature.", ErrBadSignature)
	}
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(timestamp))
	mac.Write([]byte(token))
	if !hmac.Equal(got, mac.Sum(nil)) {
		return workflows.Wrap(workflows.Forbidden, "Bad webhook signature.", ErrBadSignature)
	}
	secs, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return workflows.Wrap(workflows.Forbidden, "Bad webhook signature.", ErrBadSignature)
	}
	if skew := now.Sub(time.Unix(secs, 0)); skew > maxSkew || skew < -maxSkew {
		return workflows.Wrap(workflows.Forbidden, "Stale webhook.", fmt.Errorf("%w: %v from now", ErrStale, skew))
	}
	return nil
}

// Event is one webhook delivery from Mailgun.
type Event struct {
	// The signature block, for VerifyWebhook; Token is unique per delivery.
	Timestamp, Token, Signature string

	Event     string    // "delivered", "failed", "complained", "unsubscribed", "opened", ...
	Severity  string    // for "failed": "permanent" or "temporary"
	Reason    string    // for "failed", e.g. "bounce", "suppress-bounce"
	MessageID string    // as Send returned it, without angle brackets
	Recipient string    // the address the event is about
	EmailID   string    // our Message.ID, from the VariableEmailID user variable
	SendID    string    // for a batch: the recipient's send, from VariableSendID
	At        time.Time // when it happened
}

// ParseEvent reads Mailgun's JSON webhook body,
// {"signature": {...}, "event-data": {...}}. It returns an Invalid error for
// a body that is not such a document, and a Forbidden one (wrapping
// ErrBadSignature) for one without a signature.
func ParseEvent(body []byte) (Event, error) {
	var p struct {
		Signature struct {
			Timestamp string `json:"timestamp"`
			Token     string `json:"token"`
			Signature string `json:"signature"`
		} `json:"signature"`
		Data *struct {
			Event     string  `json:"event"`
			Severity  string  `json:"severity"`
			Reason    string  `json:"reason"`
			Recipient string  `json:"recipient"`
			Timestamp float64 `json:"timestamp"`
			Message   struct {
				Headers struct {
					MessageID string `json:"message-id"`
				} `json:"headers"`
			} `json:"message"`
			UserVariables any `json:"user-variables"`
		} `json:"event-data"`
	}
	if err := json.Unmarshal(body, &p); err != nil {
		return Event{}, workflows.Wrap(workflows.Invalid, "Not a Mailgun webhook.", fmt.Errorf("parse mailgun webhook: %w", err))
	}
	if p.Data == nil || p.Data.Event == "" {
		return Event{}, workflows.E(workflows.Invalid, "Not a Mailgun webhook.")
	}
	if p.Signature.Signature == "" {
		return Event{}, workflows.Wrap(workflows.Forbidden, "Unsigned webhook.", ErrBadSignature)
	}
	d := p.Data
	return Event{
		Timestamp: p.Signature.Timestamp,
		Token:     p.Signature.Token,
		Signature: p.Signature.Signature,
		Event:     d.Event,
		Severity:  d.Severity,
		Reason:    d.Reason,
		MessageID: strings.Trim(d.Message.Headers.MessageID, "<>"),
		Recipient: d.Recipient,
		EmailID:   userVariable(d.UserVariables, VariableEmailID),
		SendID:    userVariable(d.UserVariables, VariableSendID),
		At:        time.Unix(0, int64(d.Timestamp*float64(time.Second))).UTC(),
	}, nil
}
