// Package mailguntest is an in-memory fake of the Mailgun API (v3), served
// by httptest, good enough for the real mailgun-go/v4 client: sending
// (POST /v3/{domain}/messages, multipart) and the events API
// (GET /v3/{domain}/events, filters event, recipient, message-id, paged).
// Every accepted message yields one "accepted" event per recipient, visible
// at once. It fails on demand and builds signed webhook bodies.
//
// Operation names, for fakeapi.Fault.Op and Calls: "messages.send",
// "events.list".
package mailguntest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"registrar/integrations/fakeapi"
)

// Credentials and domain the fake accepts, and the webhook signing key.
const (
	Domain     = "mg.example.org"
	APIKey     = "fake-api-key"
	WebhookKey = "fake-webhook-key"
)

// Message is a message the fake accepted.
type Message struct {
	ID                 string // without angle brackets
	From, Subject      string
	To                 []string
	Text, HTML         string
	Tags               []string
	Headers            map[string]string // from h: parameters
	Variables          map[string]string // from v: parameters
	RecipientVariables string            // raw JSON, for batch sends
	// RecipientVars is RecipientVariables parsed: address → key → value.
	RecipientVars map[string]map[string]string
	Accepted      time.Time
}

// MaxRecipients is the most recipients one message may have, as at Mailgun.
const MaxRecipients = 1000

// Copy is what one recipient of a message receives: Mailgun sends each
// recipient of a batch with recipient-variables a copy of their own, with
// every %recipient.KEY% replaced by their value. Without recipient-variables
// every recipient's copy is addressed to all of To.
type Copy struct {
	MessageID           string // the message's, shared by every copy of a batch
	To                  []string
	Subject, Text, HTML string
	Tags                []string
	Headers, Variables  map[string]string
}

// CopyFor returns the copy recipient received of m.
func (m Message) CopyFor(recipient string) Copy {
	if m.RecipientVars == nil {
		return Copy{MessageID: m.ID, To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML, Tags: m.Tags, Headers: m.Headers, Variables: m.Variables}
	}
	vars := m.RecipientVars[recipient]
	return Copy{MessageID: m.ID, To: []string{recipient}, Subject: expand(m.Subject, vars), Text: expand(m.Text, vars), HTML: expand(m.HTML, vars),
		Tags: m.Tags, Headers: expandAll(m.Headers, vars), Variables: expandAll(m.Variables, vars)}
}

// expand replaces %recipient.KEY% with vars[KEY]; a key the recipient has no
// value for becomes empty, as at Mailgun.
func expand(s string, vars map[string]string) string {
	const open = "%recipient."
	var b strings.Builder
	for {
		i := strings.Index(s, open)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i+len(open):], '%')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(vars[s[i+len(open):i+len(open)+j]])
		s = s[i+len(open)+j+1:]
	}
}

func expandAll(m map[string]string, vars map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = expand(v, vars)
	}
	return out
}

// event is one accepted event, as the events API reports it.
type event struct {
	id        string
	at        time.Time
	recipient string
	msg       *Message
	vars      map[string]string // user variables with the recipient's values filled in
}

// Server is a fake Mailgun API; URL is the value for
// mailgun.Config.APIBase. Its methods are safe for concurrent use.
type Server struct {
	fakeapi.Server

	mu       sync.Mutex
	messages []*Message
	events   []event
	next     int
}

// Option configures a Server.
type Option func(*Server)

// WithSeed seeds the random faults (default 1), so a failing run repeats.
func WithSeed(seed uint64) Option { return func(s *Server) { s.Seed(seed) } }

// New starts a fake; it stops when the test ends.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{}
	for _, o := range opts {
		o(s)
	}
	s.Start(t, http.HandlerFunc(s.route), func(w http.ResponseWriter, status int) {
		write(w, message(status, http.StatusText(status)))
	})
	return s
}

// Messages returns copies of the accepted messages, oldest first.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, 0, len(s.messages))
	for _, m := range s.messages {
		out = append(out, *m)
	}
	return out
}

// Copies returns what each recipient of each accepted message received,
// oldest first: one copy per recipient, batches included.
func (s *Server) Copies() []Copy {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Copy, 0, len(s.events))
	for _, e := range s.events {
		out = append(out, e.msg.CopyFor(e.recipient))
	}
	return out
}

// SentTo counts accepted messages addressed to recipient.
func (s *Server) SentTo(recipient string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, e := range s.events {
		if e.recipient == recipient {
			n++
		}
	}
	return n
}

// WithVariable counts accepted copies whose user variable name is value,
// e.g. WithVariable(mailgun.VariableEmailID, emailID): a batch's variables
// count with each recipient's values filled in.
func (s *Server) WithVariable(name, value string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, e := range s.events {
		if e.vars[name] == value {
			n++
		}
	}
	return n
}

// WebhookEvent describes a delivery event for Webhook.
type WebhookEvent struct {
	Event     string // "delivered", "failed", "complained", "unsubscribed"...
	Severity  string // for "failed": "permanent" or "temporary"
	Reason    string
	MessageID string
	Recipient string
	Variables map[string]string // user variables, e.g. the email ID
	At        time.Time
	Token     string // unique per delivery; empty picks one from At
}

// Webhook returns the JSON body Mailgun posts for e, signed with key at
// e.At, as a web handler test needs it.
func Webhook(key string, e WebhookEvent) []byte {
	ts := strconv.FormatInt(e.At.Unix(), 10)
	token := e.Token
	if token == "" {
		token = strconv.FormatInt(e.At.UnixNano(), 36) + "token0123456789abcdef0123456789abcdef"
	}
	body := map[string]any{
		"signature": map[string]string{"timestamp": ts, "token": token, "signature": Sign(key, ts, token)},
		"event-data": map[string]any{
			"event": e.Event, "severity": e.Severity, "reason": e.Reason, "recipient": e.Recipient,
			"timestamp": float64(e.At.UnixNano()) / 1e9, "id": token[:16],
			"message":        map[string]any{"headers": map[string]string{"message-id": e.MessageID}},
			"user-variables": e.Variables,
		},
	}
	b, _ := json.Marshal(body) // maps of strings always marshal
	return b
}

// Sign is a webhook signature: hex HMAC-SHA256 of timestamp + token.
func Sign(key, timestamp, token string) string {
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(timestamp))
	mac.Write([]byte(token))
	return hex.EncodeToString(mac.Sum(nil))
}
