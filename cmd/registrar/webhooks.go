package main

import (
	"time"

	"registrar/integrations/mailgun"
	"registrar/integrations/trello"
	"registrar/web"
	"registrar/workflows"
)

// trelloHook checks Trello's webhook calls against the app secret and the
// callback URL the webhook was registered with.
type trelloHook struct {
	secret, callbackURL string
}

func (h trelloHook) Verify(body []byte, signature string) bool {
	return trello.VerifyWebhook(h.secret, h.callbackURL, body, signature)
}

func (h trelloHook) CardMove(body []byte) (web.CardMove, bool) {
	m, ok := trello.ParseCardMove(body)
	return web.CardMove{ActionID: m.ActionID, CardID: m.CardID, List: m.ListAfter, At: m.At}, ok
}

// mailgunHook checks Mailgun's webhook calls with the webhook signing key.
type mailgunHook struct{ key string }

func (h mailgunHook) Event(body []byte, now time.Time) (workflows.MailEvent, error) {
	ev, err := mailgun.ParseEvent(body) // Invalid for no webhook at all, Forbidden for no signature
	if err != nil {
		return workflows.MailEvent{}, err
	}
	if err := mailgun.VerifyWebhook(h.key, ev.Timestamp, ev.Token, ev.Signature, now); err != nil {
		return workflows.MailEvent{}, err
	}
	return workflows.MailEvent{Token: ev.Token, Kind: ev.Event, Permanent: ev.Severity == "permanent", ProviderID: ev.MessageID,
		EmailID: ev.EmailID, SendID: ev.SendID}, nil
}

// trelloCallbackURL is where Trello posts the board's actions.
func trelloCallbackURL(cfg Config) string { return cfg.BaseURL + "/webhooks/trello" }
