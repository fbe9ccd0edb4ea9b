// Package workflowstest has fakes of the ports workflows consumes: a clock
// that tests move by hand, a recording mailer that fails on demand, plain
// email rendering and links.
package workflowstest

import (
	"context"
	"fmt"
	"sync"
	"time"

	"registrar/workflows"
)

// Clock is a settable clock, safe for concurrent use.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock stopped at t.
func NewClock(t time.Time) *Clock { return &Clock{now: t.UTC()} }

func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Links builds example.org links.
type Links struct{}

func (Links) Confirm(token string) string { return "https://registrar.example.org/confirm/" + token }
func (Links) Event(slug string) string    { return "https://registrar.example.org/events/" + slug }
func (Links) Login(token string) string   { return "https://registrar.example.org/login/" + token }
func (Links) Unsubscribe(token string) string {
	return "https://registrar.example.org/unsubscribe/" + token
}
func (Links) Page(path string) string { return "https://registrar.example.org" + path }

// Renderer renders emails as plain strings holding the data, so tests can
// find links in them.
type Renderer struct{}

func content(kind string, d workflows.SignupEmail) (workflows.EmailContent, error) {
	body := fmt.Sprintf("%s: %s, %s as %s. %s", kind, d.Name, d.EventTitle, d.Role, d.Link)
	return workflows.EmailContent{Subject: kind + " " + d.EventTitle, HTML: "<p>" + body + "</p>", Text: body}, nil
}

func (Renderer) ConfirmSignup(d workflows.SignupEmail) (workflows.EmailContent, error) {
	return content("confirm", d)
}
func (Renderer) AlreadyRegistered(d workflows.SignupEmail) (workflows.EmailContent, error) {
	return content("already", d)
}
func (Renderer) SeatConfirmed(d workflows.SignupEmail) (workflows.EmailContent, error) {
	return content("confirmed", d)
}
func (Renderer) Waitlisted(d workflows.SignupEmail) (workflows.EmailContent, error) {
	return content("waitlisted", d)
}
func (Renderer) StatusChange(d workflows.StatusEmail) (workflows.EmailContent, error) {
	c, err := content(string(d.Kind), d.SignupEmail)
	c.Text += " Status: " + d.StatusLabel + ". Reason: " + d.Reason
	return c, err
}
func (Renderer) LoginLink(d workflows.LoginEmail) (workflows.EmailContent, error) {
	return workflows.EmailContent{Subject: "Sign in", HTML: d.Link, Text: d.Link}, nil
}

// Mailer records delivered messages and fails on demand.
type Mailer struct {
	mu        sync.Mutex
	delivered map[string]int // message ID → deliveries
	sent      []workflows.Message
	// Fail, when set, decides per call: return an error to fail the send.
	Fail func(m workflows.Message) error
	// Block, when set, makes Send wait until its context ends: a worker that
	// dies mid-send.
	Block bool
}

// NewMailer returns an empty recording mailer.
func NewMailer() *Mailer { return &Mailer{delivered: map[string]int{}} }

func (m *Mailer) Send(ctx context.Context, msg workflows.Message) (string, error) {
	m.mu.Lock()
	block, fail := m.Block, m.Fail
	m.mu.Unlock()
	if block {
		<-ctx.Done()
		return "", ctx.Err()
	}
	if fail != nil {
		if err := fail(msg); err != nil {
			return "", err
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.delivered[msg.ID]++
	m.sent = append(m.sent, msg)
	return "fake-" + msg.ID, nil
}

// SetBlock turns blocking sends on or off.
func (m *Mailer) SetBlock(b bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Block = b
}

// Deliveries counts how often the message with id was delivered.
func (m *Mailer) Deliveries(id string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.delivered[id]
}

// Sent returns every delivered message in order.
func (m *Mailer) Sent() []workflows.Message {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]workflows.Message(nil), m.sent...)
}
