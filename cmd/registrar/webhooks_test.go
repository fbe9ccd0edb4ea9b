package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"registrar/integrations/jobs"
	"registrar/integrations/mailgun/mailguntest"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/integrations/trello/trellotest"
	"registrar/workflows"
)

func postWebhook(t *testing.T, url string, body []byte, header ...string) int {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// cardMoveBody is an updateCard action as Trello posts it.
func cardMoveBody(actionID, cardID, list string, at time.Time) []byte {
	body, _ := json.Marshal(map[string]any{"action": map[string]any{
		"id": actionID, "type": "updateCard", "date": at.UTC().Format(time.RFC3339),
		"data": map[string]any{"card": map[string]any{"id": cardID}, "listBefore": map[string]any{"name": "Applicants"},
			"listAfter": map[string]any{"name": list}},
	}})
	return body
}

func TestWebhooksAreVerifiedAndMoveRegistrations(t *testing.T) {
	sqlstoretest.EachURL(t, func(t *testing.T, dbURL string) {
		fakes := newVendorFakes(t)
		app := serveApp(t, dbURL, AppOptions{Runner: jobs.Options{Poll: 20 * time.Millisecond}, MailRetry: 100 * time.Millisecond,
			HTTPClient: &http.Client{Timeout: 5 * time.Second}}, fakes.env()...)
		events := &workflows.Events{Store: app.DB, Clock: app.Clock}
		if _, err := events.Create(t.Context(), workflows.EventInput{Slug: "spring", Title: "Spring", StartsOn: "2030-05-04",
			EndsOn: "2030-05-05", StudentCapacity: 5, MentorCapacity: 1}); err != nil {
			t.Fatal(err)
		}
		// The command registers the callback; Trello checks it with HEAD first.
		var out bytes.Buffer
		cli := append(fakes.env(), "REGISTRAR_DATABASE_URL=sqlite:"+t.TempDir()+"/cli.db", "REGISTRAR_BASE_URL="+app.URL)
		if err := run(t.Context(), []string{"trello", "register-webhook"}, cli, &out, io.Discard); err != nil {
			t.Fatalf("register-webhook: %v", err)
		}
		if hooks := fakes.trello.Webhooks(); len(hooks) != 1 || hooks[0].CallbackURL != app.URL+"/webhooks/trello" {
			t.Fatalf("webhooks = %+v, want one to %s/webhooks/trello", hooks, app.URL)
		}

		// Sign up and confirm: the card appears in Applicants.
		resp, err := http.PostForm(app.URL+"/events/spring/students", url.Values{"name": {"Ada"}, "email": {"ada@example.org"}, "timezone": {"UTC"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		var confirm string
		eventually(t, "the confirmation email", func() bool {
			for _, m := range fakes.mail.Copies() {
				if l := regexp.MustCompile(`http://\S+/confirm/[a-z0-9]+`).FindString(m.Text); l != "" {
					confirm = l
				}
			}
			return confirm != ""
		})
		if resp, err = http.PostForm(confirm, nil); err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		var regID, cardID string
		eventually(t, "the card", func() bool {
			for _, c := range fakes.trello.Cards() {
				if m := regexp.MustCompile(`registrar:([a-z0-9]+)`).FindStringSubmatch(c.Desc); m != nil && c.List == workflows.TrelloList(workflows.StatusConfirmed) {
					regID, cardID = m[1], c.ID
				}
			}
			return cardID != "" && app.status(t, regID) == workflows.StatusConfirmed
		})

		hook := app.URL + "/webhooks/trello"
		sign := func(body []byte) string { return trellotest.Sign(trellotest.Secret, hook, body) }
		fresh := cardMoveBody("action-1", cardID, "Accepted", time.Now())
		stale := cardMoveBody("action-2", cardID, "Accepted", time.Now().Add(-time.Hour))
		refusals := []struct {
			name   string
			body   []byte
			header []string
		}{
			{"unsigned", fresh, nil},
			{"wrongly signed", fresh, []string{"X-Trello-Webhook", trellotest.Sign("not-the-secret", hook, fresh)}},
			{"signed for another URL", fresh, []string{"X-Trello-Webhook", trellotest.Sign(trellotest.Secret, "http://evil.example/hook", fresh)}},
			{"stale", stale, []string{"X-Trello-Webhook", sign(stale)}},
		}
		for _, r := range refusals {
			if code := postWebhook(t, hook, r.body, r.header...); code != http.StatusUnauthorized {
				t.Errorf("trello %s: status %d, want 401", r.name, code)
			}
		}
		if st := app.status(t, regID); st != workflows.StatusConfirmed {
			t.Fatalf("status after refused webhooks = %s, want confirmed", st)
		}

		// An organizer drags the card to Accepted: the status follows, and the
		// row and the card show it.
		if code := postWebhook(t, hook, fresh, "X-Trello-Webhook", sign(fresh)); code != http.StatusOK {
			t.Fatalf("signed move: status %d", code)
		}
		if st := app.status(t, regID); st != workflows.StatusAccepted {
			t.Fatalf("status after the move = %s, want accepted", st)
		}
		if code := postWebhook(t, hook, fresh, "X-Trello-Webhook", sign(fresh)); code != http.StatusUnauthorized {
			t.Errorf("replayed move: status %d, want 401", code)
		}
		eventually(t, "the row to show accepted", func() bool {
			row := fakes.sheets.Row("spring students", regID)
			return len(row) > 2 && row[2] == "Accepted"
		})
		eventually(t, "the card to move to Accepted", func() bool {
			c, _ := fakes.trello.Card(cardID)
			return c.List == "Accepted"
		})

		// A move that is not allowed (back to awaiting review) is refused and
		// the card is put back where its status says.
		if err := fakes.trello.MoveCard(t.Context(), cardID, workflows.TrelloList(workflows.StatusConfirmed)); err != nil {
			t.Fatal(err)
		}
		eventually(t, "the card back in Accepted", func() bool {
			c, _ := fakes.trello.Card(cardID)
			return c.List == "Accepted"
		})
		if st := app.status(t, regID); st != workflows.StatusAccepted {
			t.Fatalf("status after a refused move = %s, want accepted", st)
		}

		// Mailgun: a signed delivery report updates the email; forgeries do not.
		mhook := app.URL + "/webhooks/mailgun"
		var msg mailguntest.Copy
		for _, m := range fakes.mail.Copies() {
			if strings.Contains(m.Subject, "Confirm") {
				msg = m
			}
		}
		delivered := mailguntest.WebhookEvent{Event: "delivered", MessageID: msg.MessageID, Variables: msg.Variables, Recipient: "ada@example.org", At: time.Now(), Token: "mailgun-token-0000000001"}
		good := mailguntest.Webhook(mailguntest.WebhookKey, delivered)
		old := delivered
		old.At, old.Token = time.Now().Add(-time.Hour), "mailgun-token-0000000002"
		mailRefusals := []struct {
			name string
			body []byte
		}{
			{"unsigned", unsigned(t, good)},
			{"wrongly signed", mailguntest.Webhook("not-the-key", delivered)},
			{"stale", mailguntest.Webhook(mailguntest.WebhookKey, old)},
		}
		for _, r := range mailRefusals {
			if code := postWebhook(t, mhook, r.body); code != http.StatusUnauthorized {
				t.Errorf("mailgun %s: status %d, want 401", r.name, code)
			}
		}
		if code := postWebhook(t, mhook, []byte(`{"not":"a webhook"}`)); code != http.StatusBadRequest {
			t.Errorf("mailgun, no webhook at all: status %d, want 400", code)
		}
		if code := postWebhook(t, mhook, good); code != http.StatusOK {
			t.Fatalf("mailgun signed: status %d", code)
		}
		if code := postWebhook(t, mhook, good); code != http.StatusUnauthorized {
			t.Errorf("mailgun replayed: status %d, want 401", code)
		}
		emails, _ := sqlstoretest.EmailsTo(t.Context(), app.DB, "ada@example.org")
		for _, e := range emails {
			if e.ProviderID == msg.MessageID && e.Status != workflows.EmailDelivered {
				t.Errorf("email status = %s, want delivered", e.Status)
			}
		}

		// Every vendor call is counted by target and status.
		resp, err = http.Get(app.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		metrics, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, target := range []string{"sheets", "trello", "mailgun"} {
			if want := `registrar_api_calls_total{status="200",target="` + target + `"}`; !strings.Contains(string(metrics), want) {
				t.Errorf("metrics lack %s", want)
			}
		}
	})
}

// unsigned drops the signature block from a Mailgun webhook body.
func unsigned(t *testing.T, body []byte) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "signature")
	out, _ := json.Marshal(m)
	return out
}
