package trellotest

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"
)

func (s *Server) listWebhooks(token string) reply {
	out := []any{}
	for _, w := range s.webhooks {
		if w.token == token {
			out = append(out, webhookJSON(w))
		}
	}
	return ok(out)
}

func webhookJSON(w *webhook) map[string]any {
	return map[string]any{"id": w.id, "idModel": w.model, "description": w.description, "callbackURL": w.callback, "active": true}
}

func (s *Server) createWebhook(f url.Values) reply {
	model, callback, token := f.Get("idModel"), f.Get("callbackURL"), f.Get("token")
	if model != s.BoardID && s.card(model) == nil && s.listByID(model) == nil {
		return text(http.StatusBadRequest, "invalid value for idModel")
	}
	for _, w := range s.webhooks {
		if w.model == model && w.callback == callback && w.token == token {
			return text(http.StatusBadRequest, "A webhook with that callback, model, and token already exists")
		}
	}
	w := &webhook{id: s.newID(), model: model, description: f.Get("description"), callback: callback, token: token}
	s.webhooks = append(s.webhooks, w)
	return ok(webhookJSON(w))
}

func (s *Server) deleteWebhook(id string) reply {
	n := len(s.webhooks)
	s.webhooks = slices.DeleteFunc(s.webhooks, func(w *webhook) bool { return w.id == id })
	if len(s.webhooks) == n {
		return notFound()
	}
	return ok(map[string]any{})
}

// checkCallback is Trello's HEAD request to a new webhook's URL, which must
// answer 200.
func (s *Server) checkCallback(ctx context.Context, callback string) (reply, bool) {
	u, err := url.Parse(callback)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return text(http.StatusBadRequest, "invalid value for callbackURL"), true
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, callback, nil)
	if err != nil {
		return text(http.StatusBadRequest, "invalid value for callbackURL"), true
	}
	resp, err := s.hooks.Do(req)
	if err != nil {
		return text(http.StatusBadRequest, fmt.Sprintf("URL (%s) did not return 200 status code", callback)), true
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return text(http.StatusBadRequest, fmt.Sprintf("URL (%s) did not return 200 status code, got %d", callback, resp.StatusCode)), true
	}
	return reply{}, false
}

// MoveCard moves a card to the list called listName as an organizer
// dragging it would, then posts the updateCard action to every webhook on
// the board, signed with Secret like Trello does. It returns the first
// delivery that failed or was not answered 2xx.
func (s *Server) MoveCard(ctx context.Context, cardID, listName string) error {
	s.mu.Lock()
	c := s.card(cardID)
	var before, after *list
	for _, l := range s.lists {
		if c != nil && l.id == c.list {
			before = l
		}
		if l.name == listName {
			after = l
		}
	}
	if c == nil || before == nil || after == nil {
		s.mu.Unlock()
		return fmt.Errorf("trellotest: no card %s or list %q", cardID, listName)
	}
	c.list = after.id
	action := map[string]any{"action": map[string]any{
		"id": s.newID(), "type": "updateCard", "date": time.Now().UTC().Format(time.RFC3339),
		"data": map[string]any{
			"card":       map[string]any{"id": c.id, "name": c.name, "idList": after.id},
			"old":        map[string]any{"idList": before.id},
			"listBefore": map[string]any{"id": before.id, "name": before.name},
			"listAfter":  map[string]any{"id": after.id, "name": after.name},
			"board":      map[string]any{"id": s.BoardID},
		},
	}, "model": map[string]any{"id": s.BoardID}}
	var targets []string
	for _, w := range s.webhooks {
		if w.model == s.BoardID || w.model == c.id {
			targets = append(targets, w.callback)
		}
	}
	s.mu.Unlock()
	body, err := json.Marshal(action)
	if err != nil {
		return err
	}
	for _, callback := range targets {
		if err := s.deliver(ctx, callback, body); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) deliver(ctx context.Context, callback string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, callback, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Trello-Webhook", Sign(Secret, callback, body))
	resp, err := s.hooks.Do(req)
	if err != nil {
		return fmt.Errorf("trellotest: deliver webhook: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("trellotest: webhook %s answered %d", callback, resp.StatusCode)
	}
	return nil
}

// Sign is the X-Trello-Webhook header Trello sends: base64 of HMAC-SHA1 of
// body followed by the callback URL, keyed with the app secret.
func Sign(secret, callbackURL string, body []byte) string {
	mac := hmac.New(sha1.New, []byte(secret))
	mac.Write(body)
	mac.Write([]byte(callbackURL))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}
