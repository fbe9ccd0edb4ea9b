package mailgun_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"registrar/integrations/fakeapi"
	"registrar/integrations/mailgun"
	"registrar/integrations/mailgun/mailguntest"
	"registrar/workflows"
)

func config(fake *mailguntest.Server) mailgun.Config {
	return mailgun.Config{Domain: mailguntest.Domain, APIKey: mailguntest.APIKey, APIBase: fake.URL,
		WebhookKey: mailguntest.WebhookKey, From: "Registrar <registrar@mg.example.org>"}
}

func newMailer(t *testing.T, fake *mailguntest.Server, client *http.Client) *mailgun.Mailer {
	t.Helper()
	if client == nil {
		client = fake.Client()
	}
	return mailgun.New(config(fake), client)
}

func confirmation(id, to string) workflows.Message {
	return workflows.Message{ID: id, To: to, Subject: "Confirm your place", HTML: "<p>Hello</p>", Text: "Hello",
		Tag: "confirm", Headers: map[string]string{"List-Unsubscribe": "<https://registrar.example.org/unsubscribe/x>"}}
}

func send(t *testing.T, m *mailgun.Mailer, msg workflows.Message) string {
	t.Helper()
	id, err := m.Send(t.Context(), msg)
	if err != nil {
		t.Fatalf("Send(%s): %v", msg.ID, err)
	}
	return id
}

func TestSend(t *testing.T) {
	for _, base := range []string{"", "/v3", "/"} { // APIBase with or without the version
		t.Run("APIBase suffix "+base, func(t *testing.T) {
			fake := mailguntest.New(t)
			cfg := config(fake)
			cfg.APIBase += base
			id := send(t, mailgun.New(cfg, fake.Client()), confirmation("e1", "Ada <ada@example.org>"))

			msgs := fake.Messages()
			if len(msgs) != 1 {
				t.Fatalf("%d messages, want 1", len(msgs))
			}
			got := msgs[0]
			if id != got.ID {
				t.Errorf("Send returned %q, Mailgun's ID is %q", id, got.ID)
			}
			if got.From != cfg.From || len(got.To) != 1 || got.To[0] != "ada@example.org" || got.Subject != "Confirm your place" ||
				got.Text != "Hello" || got.HTML != "<p>Hello</p>" || len(got.Tags) != 1 || got.Tags[0] != "confirm" {
				t.Errorf("message = %+v", got)
			}
			if got.Headers["List-Unsubscribe"] == "" || got.Variables[mailgun.VariableEmailID] != "e1" {
				t.Errorf("headers %v, variables %v", got.Headers, got.Variables)
			}
		})
	}
}

// A send whose outcome was unknown is retried with MaybeSent, as the
// delivery job does; the recipient must get one email.
func TestSendRetryAfterUnknownOutcome(t *testing.T) {
	tests := []struct {
		name  string
		fault fakeapi.Fault
	}{
		{"accepted, then 500", fakeapi.Fault{Kind: fakeapi.FailAfterCommit, Op: "messages.send"}},
		{"accepted, then no answer", fakeapi.Fault{Kind: fakeapi.Slow, Op: "messages.send"}},
		{"refused with 503", fakeapi.Fault{Kind: fakeapi.Fail5xx, Op: "messages.send"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := mailguntest.New(t)
			client := fake.Client()
			client.Timeout = 300 * time.Millisecond
			m := newMailer(t, fake, client)
			send(t, m, confirmation("other", "ada@example.org")) // an earlier, different email
			fake.Script(tt.fault)

			msg := confirmation("e1", "ada@example.org")
			_, err := m.Send(t.Context(), msg)
			if workflows.KindOf(err) != workflows.Unavailable {
				t.Fatalf("first attempt: kind %v (%v), want unavailable", workflows.KindOf(err), err)
			}
			msg.MaybeSent = true
			id := send(t, m, msg)
			if n := fake.WithVariable(mailgun.VariableEmailID, "e1"); n != 1 {
				t.Errorf("email e1 sent %d times, want once", n)
			}
			if msgs := fake.Messages(); msgs[len(msgs)-1].ID != id {
				t.Errorf("Send returned %q, want the ID of the one e1 message %q", id, msgs[len(msgs)-1].ID)
			}
		})
	}
}

// The look-up pages through the recipient's accepted events.
func TestSendMaybeSentFindsAnOlderMessage(t *testing.T) {
	fake := mailguntest.New(t)
	m := newMailer(t, fake, nil)
	first := send(t, m, confirmation("e0", "ada@example.org"))
	for i := range 320 {
		send(t, m, confirmation(fmt.Sprintf("later-%d", i), "ada@example.org"))
	}
	msg := confirmation("e0", "ada@example.org")
	msg.MaybeSent = true
	if id := send(t, m, msg); id != first {
		t.Errorf("got %q, want the first message %q", id, first)
	}
	if n := fake.SentTo("ada@example.org"); n != 321 {
		t.Errorf("%d messages to ada, want 321", n)
	}
	if n := fake.Calls("events.list"); n != 2 {
		t.Errorf("%d event pages read, want 2", n)
	}
}

func TestErrorKinds(t *testing.T) {
	tests := []struct {
		name  string
		setup func(fake *mailguntest.Server, cfg *mailgun.Config, msg *workflows.Message)
		kind  workflows.Kind
		wait  time.Duration
	}{
		{"429 with Retry-After", func(fake *mailguntest.Server, _ *mailgun.Config, _ *workflows.Message) {
			fake.Script(fakeapi.Fault{Kind: fakeapi.RateLimit, RetryAfter: 4 * time.Second})
		}, workflows.Unavailable, 4 * time.Second},
		{"a failed look-up", func(fake *mailguntest.Server, _ *mailgun.Config, msg *workflows.Message) {
			msg.MaybeSent = true
			fake.Script(fakeapi.Fault{Kind: fakeapi.Fail5xx, Op: "events.list"})
		}, workflows.Unavailable, 0},
		{"a wrong key is 401", func(_ *mailguntest.Server, cfg *mailgun.Config, _ *workflows.Message) {
			cfg.APIKey = "stale"
		}, workflows.Forbidden, 0},
		{"an unknown domain is 404", func(_ *mailguntest.Server, cfg *mailgun.Config, _ *workflows.Message) {
			cfg.Domain = "other.example.org"
		}, workflows.Forbidden, 0},
		{"no body is 400", func(_ *mailguntest.Server, _ *mailgun.Config, msg *workflows.Message) {
			msg.Text, msg.HTML = "", ""
		}, workflows.Invalid, 0},
		{"no recipient", func(_ *mailguntest.Server, _ *mailgun.Config, msg *workflows.Message) {
			msg.To = ""
		}, workflows.Invalid, 0},
		{"a closed server", func(_ *mailguntest.Server, cfg *mailgun.Config, _ *workflows.Message) {
			cfg.APIBase = "http://127.0.0.1:1"
		}, workflows.Unavailable, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := mailguntest.New(t)
			cfg, msg := config(fake), confirmation("e1", "ada@example.org")
			tt.setup(fake, &cfg, &msg)
			_, err := mailgun.New(cfg, fake.Client()).Send(t.Context(), msg)
			if workflows.KindOf(err) != tt.kind || workflows.RetryAfterOf(err) != tt.wait {
				t.Errorf("kind %v after %v (%v), want %v after %v", workflows.KindOf(err), workflows.RetryAfterOf(err), err, tt.kind, tt.wait)
			}
			// The text goes to the log and jobs.last_error: no address, no query.
			if text := fmt.Sprint(err); strings.Contains(text, "ada@") || strings.Contains(text, "ada%40") || strings.Contains(text, "recipient=") {
				t.Errorf("error text names the recipient: %s", text)
			}
		})
	}
}

func TestConfigEnabled(t *testing.T) {
	tests := []struct {
		cfg  mailgun.Config
		want bool
	}{
		{mailgun.Config{}, false},
		{mailgun.Config{Domain: "mg.example.org", APIKey: "k"}, false},
		{mailgun.Config{Domain: "mg.example.org", APIKey: "k", From: "a@mg.example.org"}, true},
		{mailgun.Config{APIKey: "k", From: "a@mg.example.org"}, false},
	}
	for _, tt := range tests {
		if got := tt.cfg.Enabled(); got != tt.want {
			t.Errorf("%+v.Enabled() = %v, want %v", tt.cfg, got, tt.want)
		}
	}
}
