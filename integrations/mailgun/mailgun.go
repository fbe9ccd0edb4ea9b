// Package mailgun sends email through Mailgun and reads Mailgun's delivery
// webhooks. It implements workflows.Mailer over
// github.com/mailgun/mailgun-go/v4.
package mailgun

import (
	"context"
	"fmt"
	"net/http"
	"net/mail"
	"strings"
	"time"

	mailgunapi "github.com/mailgun/mailgun-go/v4"
	mailgunevents "github.com/mailgun/mailgun-go/v4/events"

	"registrar/integrations/vendorapi"
	"registrar/workflows"
)

// Config says which Mailgun domain sends and how to reach Mailgun.
type Config struct {
	Domain string // the sending domain, e.g. "mg.example.org"
	APIKey vendorapi.Secret
	// APIBase overrides the API host, e.g. "https://api.eu.mailgun.net" or a
	// fake's "http://127.0.0.1:port"; "/v3" is appended unless present.
	APIBase    string
	WebhookKey vendorapi.Secret // the HTTP webhook signing key
	From       string           // e.g. "Registrar <registrar@mg.example.org>"
}

// Enabled reports whether Mailgun is configured; without it email goes to
// the dev mailbox.
func (c Config) Enabled() bool { return c.Domain != "" && c.APIKey != "" && c.From != "" }

// VariableEmailID is the user variable (v:registrar_email_id) that carries
// Message.ID on every message, and so on every event Mailgun reports.
const VariableEmailID = "registrar_email_id"

// lookupPages bounds the search for an earlier send: 300 accepted events per
// page, newest first, for one recipient.
const lookupPages = 3

// defaultTimeout bounds a request when the caller gives no client.
const defaultTimeout = 15 * time.Second

// Mailer sends messages through Mailgun. It is safe for concurrent use.
type Mailer struct {
	from string
	api  *mailgunapi.MailgunImpl
}

var _ workflows.Mailer = (*Mailer)(nil)

// New returns a Mailer. httpClient must have a timeout: the library's
// default client has none.
func New(cfg Config, httpClient *http.Client) *Mailer {
	if httpClient == nil {
		httpClient = &http.Client{Timeout: defaultTimeout}
	}
	api := mailgunapi.NewMailgun(cfg.Domain, string(cfg.APIKey))
	if cfg.APIBase != "" {
		api.SetAPIBase(strings.TrimSuffix(strings.TrimSuffix(cfg.APIBase, "/"), "/v3") + "/v3")
	}
	base := httpClient.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	api.SetClient(&http.Client{Transport: &noteTransport{base: base}, Timeout: httpClient.Timeout,
		CheckRedirect: httpClient.CheckRedirect, Jar: httpClient.Jar})
	return &Mailer{from: cfg.From, api: api}
}

// Send sends msg with its HTML and text parts, headers and tag, carrying
// msg.ID in the user variable VariableEmailID, and returns Mailgun's message
// ID without angle brackets (the form events and webhooks use).
//
// Mailgun takes no idempotency key. When msg.MaybeSent says an earlier
// attempt's outcome is unknown, Send first asks the events API for
// "accepted" events to msg.To (filters event and recipient are documented;
// user variables are not a documented filter, so they are matched here) and
// returns the message ID of one carrying msg.ID instead of sending again.
// Events can appear some seconds after the send, so the job's backoff before
// such a retry should not be shorter than about a minute.
func (m *Mailer) Send(ctx context.Context, msg workflows.Message) (string, error) {
	if msg.MaybeSent {
		id, err := m.findAccepted(ctx, msg.To, VariableEmailID, msg.ID)
		if err != nil {
			return "", fmt.Errorf("look for email %s at Mailgun: %w", msg.ID, err)
		}
		if id != "" {
			return id, nil
		}
	}
	mm, err := m.compose(msg.Subject, msg.Text, msg.HTML, msg.Tag, msg.Headers, msg.To)
	if err == nil {
		err = mm.AddVariable(VariableEmailID, msg.ID)
	}
	if err != nil {
		return "", fmt.Errorf("email %s: %w", msg.ID, err)
	}
	id, err := m.send(ctx, mm)
	if err != nil {
		return "", fmt.Errorf("send email %s: %w", msg.ID, err)
	}
	return id, nil
}

// compose is a message with the parts every send has; a bad tag is Invalid.
func (m *Mailer) compose(subject, text, html, tag string, headers map[string]string, to ...string) (*mailgunapi.Message, error) {
	mm := mailgunapi.NewMessage(m.from, subject, text, to...)
	if html != "" {
		mm.SetHTML(html)
	}
	if tag != "" {
		if err := mm.AddTag(tag); err != nil {
			return nil, workflows.Errorf(workflows.Invalid, "tag: %w", err)
		}
	}
	for k, v := range headers {
		mm.AddHeader(k, v)
	}
	return mm, nil
}

// send sends mm and returns Mailgun's message ID without angle brackets.
func (m *Mailer) send(ctx context.Context, mm *mailgunapi.Message) (string, error) {
	ctx, n := withNote(ctx)
	_, id, err := m.api.Send(ctx, mm)
	if err != nil {
		return "", classify("messages.send", n.wrap(err))
	}
	return strings.Trim(id, "<>"), nil
}

// findAccepted returns the message ID of an accepted message to the address
// of to whose user variable name is value, or "". Filters event and
// recipient are documented; user variables are not a documented filter, so
// they are matched here.
func (m *Mailer) findAccepted(ctx context.Context, to, name, value string) (string, error) {
	ctx, n := withNote(ctx)
	it := m.api.ListEvents(&mailgunapi.ListEventOptions{
		Begin:           time.Now(), // with descending order: from now back
		ForceDescending: true,
		Limit:           300,
		Filter:          map[string]string{"event": "accepted", "recipient": address(to)},
	})
	var page []mailgunapi.Event
	for range lookupPages {
		if !it.Next(ctx, &page) {
			break
		}
		for _, e := range page {
			accepted, ok := e.(*mailgunevents.Accepted)
			if ok && userVariable(accepted.UserVariables, name) == value {
				return strings.Trim(accepted.Message.Headers.MessageID, "<>"), nil
			}
		}
	}
	if err := it.Err(); err != nil {
		return "", classify("events.list", n.wrap(err))
	}
	return "", nil
}

// address is the bare address of to, which the recipient filter wants.
func address(to string) string {
	if a, err := mail.ParseAddress(to); err == nil {
		return a.Address
	}
	return to
}

// userVariable reads one user variable of an event; Mailgun sends them as a
// JSON object of strings.
func userVariable(vars any, name string) string {
	if m, ok := vars.(map[string]any); ok {
		if v, ok := m[name].(string); ok {
			return v
		}
	}
	return ""
}
