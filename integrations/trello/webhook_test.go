package trello_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"registrar/integrations/fakeapi"
	"registrar/integrations/trello"
	"registrar/integrations/trello/trellotest"
	"registrar/workflows"
)

func TestErrorKinds(t *testing.T) {
	tests := []struct {
		name  string
		setup func(fake *trellotest.Server, cfg *trello.Config)
		kind  workflows.Kind
		wait  time.Duration
	}{
		{"429 with Retry-After", func(fake *trellotest.Server, _ *trello.Config) {
			fake.Script(fakeapi.Fault{Kind: fakeapi.RateLimit, RetryAfter: 3 * time.Second})
		}, workflows.Unavailable, 3 * time.Second},
		{"500", func(fake *trellotest.Server, _ *trello.Config) {
			fake.Script(fakeapi.Fault{Kind: fakeapi.Fail5xx})
		}, workflows.Unavailable, 0},
		{"a wrong token is 401", func(_ *trellotest.Server, cfg *trello.Config) { cfg.Token = "stale" }, workflows.Forbidden, 0},
		{"an unknown board is 404", func(_ *trellotest.Server, cfg *trello.Config) { cfg.BoardID = "nope" }, workflows.Forbidden, 0},
		{"a closed server", func(_ *trellotest.Server, cfg *trello.Config) { cfg.APIBase = "http://127.0.0.1:1/1" }, workflows.Unavailable, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := trellotest.New(t)
			cfg := config(fake)
			tt.setup(fake, &cfg)
			b := trello.New(cfg, fake.Client(), trello.WithRate(rate.Inf, 1))
			_, err := b.PutCard(t.Context(), "", student("r1", "Applicants"), false)
			if workflows.KindOf(err) != tt.kind || workflows.RetryAfterOf(err) != tt.wait {
				t.Errorf("kind %v after %v (%v), want %v after %v", workflows.KindOf(err), workflows.RetryAfterOf(err), err, tt.kind, tt.wait)
			}
			if strings.Contains(err.Error(), string(cfg.Token)) {
				t.Errorf("the error shows the token: %v", err)
			}
		})
	}
	t.Run("a rejected webhook URL is invalid", func(t *testing.T) {
		fake := trellotest.New(t)
		err := newBoard(t, fake, nil).RegisterWebhook(t.Context(), "ftp://example.org/hook", "registrar")
		if workflows.KindOf(err) != workflows.Invalid {
			t.Errorf("kind %v (%v), want invalid", workflows.KindOf(err), err)
		}
	})
}

func TestSecretsAreNotPrinted(t *testing.T) {
	cfg := trello.Config{Key: "k", Token: "tok-123", BoardID: "b", Secret: "sec-456"}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("config", "trello", cfg, "token", cfg.Token)
	printed := fmt.Sprintf("%v %+v %#v %s %d %q", cfg, cfg, cfg, cfg.Token, cfg.Token, cfg.Secret)
	for _, out := range []string{logged.String(), printed} {
		if strings.Contains(out, "tok-123") || strings.Contains(out, "sec-456") {
			t.Errorf("a secret leaked: %s", out)
		}
	}
}

func TestVerifyWebhook(t *testing.T) {
	const callback = "https://registrar.example.org/webhooks/trello"
	body := []byte(`{"action":{"type":"updateCard"}}`)
	good := trellotest.Sign("app-secret", callback, body)
	tests := []struct {
		name, secret, callback, signature string
		body                              []byte
		want                              bool
	}{
		{"good", "app-secret", callback, good, body, true},
		{"wrong secret", "other", callback, good, body, false},
		{"other callback URL", "app-secret", callback + "/", good, body, false},
		{"tampered body", "app-secret", callback, good, []byte(`{"action":{"type":"deleteCard"}}`), false},
		{"empty signature", "app-secret", callback, "", body, false},
		{"empty secret", "", callback, trellotest.Sign("", callback, body), body, false},
		{"not base64", "app-secret", callback, "%%%", body, false},
	}
	for _, tt := range tests {
		if got := trello.VerifyWebhook(tt.secret, tt.callback, tt.body, tt.signature); got != tt.want {
			t.Errorf("%s: VerifyWebhook = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestParseCardMove(t *testing.T) {
	tests := []struct {
		name string
		body string
		want trello.CardMove
		ok   bool
	}{
		{"a move", `{"action":{"id":"a1","type":"updateCard","data":{"card":{"id":"c1"},"listBefore":{"name":"Applicants"},"listAfter":{"name":"Accepted"}}}}`,
			trello.CardMove{ActionID: "a1", CardID: "c1", ListBefore: "Applicants", ListAfter: "Accepted"}, true},
		{"a rename", `{"action":{"id":"a2","type":"updateCard","data":{"card":{"id":"c1","name":"x"},"old":{"name":"y"}}}}`, trello.CardMove{}, false},
		{"a new card", `{"action":{"id":"a3","type":"createCard","data":{"card":{"id":"c1"},"list":{"name":"Applicants"}}}}`, trello.CardMove{}, false},
		{"not JSON", `<html>`, trello.CardMove{}, false},
		{"empty", ``, trello.CardMove{}, false},
	}
	for _, tt := range tests {
		got, ok := trello.ParseCardMove([]byte(tt.body))
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: got %+v, %v; want %+v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// End to end: register the webhook (twice: once is enough), move a card on
// the board, and read the signed delivery as the web handler would.
func TestRegisterWebhookAndReceiveMove(t *testing.T) {
	var (
		mu         sync.Mutex
		deliveries []*http.Request
		bodies     [][]byte
	)
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			body, _ := io.ReadAll(r.Body)
			mu.Lock()
			deliveries, bodies = append(deliveries, r), append(bodies, body)
			mu.Unlock()
		}
	}))
	t.Cleanup(app.Close)
	callback := app.URL + "/webhooks/trello"

	fake := trellotest.New(t)
	b := newBoard(t, fake, nil)
	for range 2 {
		if err := b.RegisterWebhook(t.Context(), callback, "registrar"); err != nil {
			t.Fatalf("RegisterWebhook: %v", err)
		}
	}
	if hooks := fake.Webhooks(); len(hooks) != 1 || hooks[0].Model != fake.BoardID || hooks[0].CallbackURL != callback {
		t.Fatalf("webhooks = %+v", hooks)
	}
	id := put(t, b, "", student("r1", "Applicants"), false)
	if err := fake.MoveCard(t.Context(), id, "Accepted"); err != nil {
		t.Fatalf("MoveCard: %v", err)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(bodies) != 1 {
		t.Fatalf("%d deliveries, want 1", len(bodies))
	}
	if !trello.VerifyWebhook(trellotest.Secret, callback, bodies[0], deliveries[0].Header.Get("X-Trello-Webhook")) {
		t.Error("the delivery's signature does not verify")
	}
	move, ok := trello.ParseCardMove(bodies[0])
	if !ok || move.CardID != id || move.ListBefore != "Applicants" || move.ListAfter != "Accepted" || move.ActionID == "" {
		t.Errorf("move = %+v, %v", move, ok)
	}
	var raw map[string]any
	if err := json.Unmarshal(bodies[0], &raw); err != nil {
		t.Errorf("delivery is not JSON: %v", err)
	}
}
