package trello

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"

	trelloapi "github.com/adlio/trello"
)

// VerifyWebhook checks the X-Trello-Webhook header of a webhook request:
// base64 of HMAC-SHA1 over the raw body followed by the callback URL exactly
// as registered, keyed with the app secret. Empty inputs never verify.
func VerifyWebhook(secret, callbackURL string, body []byte, signature string) bool {
	if secret == "" || signature == "" {
		return false
	}
	got, err := base64.StdEncoding.DecodeString(signature)
	if err != nil {
		return false
	}
	mac := hmac.New(sha1.New, []byte(secret))
	mac.Write(body)
	mac.Write([]byte(callbackURL))
	return hmac.Equal(got, mac.Sum(nil))
}

// CardMove is an organizer dragging a card from one list to another.
type CardMove struct {
	ActionID   string // Trello's action ID: the same move delivered twice has the same ID
	CardID     string
	ListBefore string // list names
	ListAfter  string
	At         time.Time // when Trello says the move happened
}

// ParseCardMove reads a webhook body; ok is false for anything but an
// updateCard action that moved a card between lists.
func ParseCardMove(body []byte) (move CardMove, ok bool) {
	var p struct {
		Action struct {
			ID   string    `json:"id"`
			Type string    `json:"type"`
			Date time.Time `json:"date"`
			Data struct {
				Card struct {
					ID string `json:"id"`
				} `json:"card"`
				ListBefore *struct {
					Name string `json:"name"`
				} `json:"listBefore"`
				ListAfter *struct {
					Name string `json:"name"`
				} `json:"listAfter"`
			} `json:"data"`
		} `json:"action"`
	}
	if err := json.Unmarshal(body, &p); err != nil {
		return CardMove{}, false
	}
	a := p.Action
	if a.Type != "updateCard" || a.Data.ListAfter == nil || a.Data.Card.ID == "" {
		return CardMove{}, false
	}
	move = CardMove{ActionID: a.ID, CardID: a.Data.Card.ID, ListAfter: a.Data.ListAfter.Name, At: a.Date}
	if a.Data.ListBefore != nil {
		move.ListBefore = a.Data.ListBefore.Name
	}
	return move, true
}

// RegisterWebhook asks Trello to post the board's actions to callbackURL,
// unless this token has that webhook already. Trello checks the URL with a
// HEAD request first, so the app must be reachable and answer 200.
func (b *Board) RegisterWebhook(ctx context.Context, callbackURL, description string) error {
	var hooks []*trelloapi.Webhook
	err := b.do(ctx, "webhooks.list", func(api *trelloapi.Client) error {
		return api.Get("tokens/"+string(b.cfg.Token)+"/webhooks", trelloapi.Defaults(), &hooks)
	})
	if err != nil {
		return fmt.Errorf("list webhooks: %w", err)
	}
	for _, h := range hooks {
		if h.IDModel == b.cfg.BoardID && h.CallbackURL == callbackURL {
			return nil
		}
	}
	err = b.do(ctx, "webhooks.create", func(api *trelloapi.Client) error {
		return api.CreateWebhook(&trelloapi.Webhook{IDModel: b.cfg.BoardID, Description: description, CallbackURL: callbackURL})
	})
	if err != nil {
		return fmt.Errorf("register webhook: %w", err)
	}
	return nil
}
