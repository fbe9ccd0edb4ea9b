package workflows

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Audit actions of reminders and messages.
const (
	AuditMessageSend AuditAction = "message.send"
	AuditMessageTest AuditAction = "message.test"
	AuditRuleUpdate  AuditAction = "reminder_rule.update"
)

// Messages are organizers' messages to a cohort: written, previewed with the
// exact audience, then sent to exactly that audience.
type Messages struct{ Deps }

// MessageInput is the message form as typed.
type MessageInput struct {
	Roles    []string
	Statuses []string
	Subject  string
	Body     string
}

// MessageStatuses are the statuses an audience may be chosen by.
func MessageStatuses() []Status {
	return []Status{StatusPending, StatusConfirmed, StatusAccepted, StatusWaitlisted, StatusActive, StatusCompleted}
}

func (in MessageInput) validate() (roles []Role, statuses []Status, err error) {
	for _, s := range in.Roles {
		if r, ok := ParseRole(s); ok && !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	for _, s := range in.Statuses {
		if st := Status(s); slices.Contains(MessageStatuses(), st) && !slices.Contains(statuses, st) {
			statuses = append(statuses, st)
		}
	}
	v := Violations{}
	v.Check(len(roles) > 0, "roles", "Choose students, mentors or both.")
	v.Check(len(statuses) > 0, "statuses", "Choose at least one status.")
	subject, body := strings.TrimSpace(in.Subject), strings.TrimSpace(in.Body)
	v.Check(subject != "" && utf8.RuneCountInString(subject) <= 200, "subject", "Enter a subject of at most 200 characters.")
	v.Check(body != "" && utf8.RuneCountInString(body) <= 10000, "body", "Enter a message of at most 10000 characters.")
	return roles, statuses, v.Err()
}

// AudienceHash names a set of people: the same people, the same hash.
func AudienceHash(members []AudienceMember) string {
	ids := make([]string, 0, len(members))
	for _, m := range members {
		ids = append(ids, m.PersonID)
	}
	slices.Sort(ids)
	sum := sha256.Sum256([]byte(strings.Join(ids, ",")))
	return hex.EncodeToString(sum[:16])
}

// MessagePreview is a message with its audience as of now and the message
// as its first recipient will see it.
type MessagePreview struct {
	Event    Event
	Message  CohortMessage
	Audience []AudienceMember
	Hash     string // of Audience
	Changed  bool   // Audience is not the audience the message was previewed with
	Content  EmailContent
}

// Create stores a message with its audience's hash and returns it; the
// organizer sees its preview next.
func (m *Messages) Create(ctx context.Context, v Viewer, slug string, in MessageInput) (CohortMessage, error) {
	if err := v.organizer(); err != nil {
		return CohortMessage{}, err
	}
	roles, statuses, err := in.validate()
	if err != nil {
		return CohortMessage{}, err
	}
	msg := CohortMessage{ID: NewID(), AuthorID: v.PersonID, Roles: roles, Statuses: statuses,
		Subject: strings.TrimSpace(in.Subject), Body: strings.TrimSpace(in.Body), Created: m.Clock.Now()}
	err = m.Store.InTx(ctx, func(tx Tx) error {
		ev, err := eventNamed(ctx, tx.Events, slug)
		if err != nil {
			return err
		}
		aud, err := tx.Messages.Audience(ctx, ev.ID, roles, statuses, CategoryAnnouncements)
		if err != nil {
			return err
		}
		msg.EventID, msg.AudienceHash, msg.Recipients = ev.ID, AudienceHash(aud), len(aud)
		return tx.Messages.CreateMessage(ctx, msg)
	})
	return msg, err
}

// Preview returns the message with its audience now and how it reads.
func (m *Messages) Preview(ctx context.Context, v Viewer, slug, id string) (MessagePreview, error) {
	if err := v.organizer(); err != nil {
		return MessagePreview{}, err
	}
	var p MessagePreview
	err := m.Store.InTx(ctx, func(tx Tx) (err error) {
		p, err = m.preview(ctx, tx, slug, id)
		return err
	})
	return p, err
}

func (m *Messages) preview(ctx context.Context, tx Tx, slug, id string) (MessagePreview, error) {
	var p MessagePreview
	ev, err := eventNamed(ctx, tx.Events, slug)
	if err != nil {
		return p, err
	}
	msg, err := tx.Messages.MessageByID(ctx, id)
	if err == nil && msg.EventID != ev.ID {
		err = E(NotFound, "There is no such message.")
	}
	if err != nil {
		return p, notFound(err, "There is no such message.")
	}
	aud, err := tx.Messages.Audience(ctx, ev.ID, msg.Roles, msg.Statuses, CategoryAnnouncements)
	if err != nil {
		return p, err
	}
	p = MessagePreview{Event: ev, Message: msg, Audience: aud, Hash: AudienceHash(aud)}
	p.Changed = p.Hash != msg.AudienceHash
	content, err := m.Emails.Reminder(messageEmail(ev, msg))
	if err != nil {
		return p, err
	}
	sample := AudienceMember{Name: "Sample Person", Email: "sample@example.org"}
	if len(aud) > 0 {
		sample = aud[0]
	}
	p.Content = expandContent(content, recipientVars("", sample.Name, sample.Email, m.Links.Event(ev.Slug), m.Links.Unsubscribe("preview")))
	return p, nil
}

func expandContent(c EmailContent, vars map[string]string) EmailContent {
	return EmailContent{Subject: Expand(c.Subject, vars), HTML: Expand(c.HTML, vars), Text: Expand(c.Text, vars)}
}

func messageEmail(ev Event, msg CohortMessage) ReminderEmail {
	e := Wording(ev, msg.Subject, msg.Body)
	e.Kind, e.Why, e.LinkLabel = "message", CategoryAnnouncements.Describe(), "See the event"
	return e
}

// Send queues the message to its audience, in batches, if the audience is
// still the one the organizer previewed, named by hash (else Conflict, with
// the preview of the audience as it is now). Sent
// once: a second send is refused. Audited.
func (m *Messages) Send(ctx context.Context, v Viewer, slug, id, hash string) (MessagePreview, error) {
	if err := v.organizer(); err != nil {
		return MessagePreview{}, err
	}
	now := m.Clock.Now()
	var p MessagePreview
	err := m.Store.InTx(ctx, func(tx Tx) error {
		var err error
		if p, err = m.preview(ctx, tx, slug, id); err != nil {
			return err
		}
		switch {
		case !p.Message.Sent.IsZero():
			return E(Conflict, "This message was sent already.")
		case hash == "": // a post that did not come from the preview's button
			return E(Conflict, "Nothing was sent: check the message and the people below, then send it from here.")
		case hash != p.Hash:
			return E(Conflict, "The audience changed since the preview: check the people below and send again.")
		case len(p.Audience) == 0:
			return E(Invalid, "Nobody is in this audience.")
		}
		sends := make([]Send, 0, len(p.Audience))
		for _, a := range p.Audience {
			sends = append(sends, Send{SourceID: id, EventID: p.Event.ID, PersonID: a.PersonID, RegistrationID: a.RegistrationID,
				Period: "message", State: SendQueued, Due: now, Created: now, Updated: now})
		}
		if err := m.queue(ctx, tx, p, sends, now); err != nil {
			return err
		}
		if err := tx.Messages.MarkMessageSent(ctx, id, len(sends), now); err != nil {
			return err
		}
		return audit(ctx, tx.Audit, v, now, AuditEntry{Action: AuditMessageSend, EventID: p.Event.ID,
			Detail: fmt.Sprintf("Sent %q to %d people (%s).", p.Message.Subject, len(sends), describeAudience(p.Message))})
	})
	return p, err
}

func (m *Messages) queue(ctx context.Context, tx Tx, p MessagePreview, sends []Send, now time.Time) error {
	content, err := m.Emails.Reminder(messageEmail(p.Event, p.Message))
	if err != nil {
		return err
	}
	_, _, err = queueBatches(ctx, tx, sends, Batch{EventID: p.Event.ID, SourceID: p.Message.ID, Kind: "message",
		Category: CategoryAnnouncements, Subject: content.Subject, HTML: content.HTML, Text: content.Text, Created: now})
	return err
}

// SendTest sends the message to the organizer alone, as a recipient would
// get it, without touching its audience. Audited.
func (m *Messages) SendTest(ctx context.Context, v Viewer, slug, id string) error {
	if err := v.organizer(); err != nil {
		return err
	}
	now := m.Clock.Now()
	return m.Store.InTx(ctx, func(tx Tx) error {
		p, err := m.preview(ctx, tx, slug, id)
		if err != nil {
			return err
		}
		send := Send{SourceID: id, EventID: p.Event.ID, PersonID: v.PersonID, Period: "test-" + NewID(), State: SendQueued,
			Due: now, Created: now, Updated: now}
		if err := m.queue(ctx, tx, p, []Send{send}, now); err != nil {
			return err
		}
		return audit(ctx, tx.Audit, v, now, AuditEntry{Action: AuditMessageTest, EventID: p.Event.ID,
			Detail: fmt.Sprintf("Sent %q to themselves as a test.", p.Message.Subject)})
	})
}

func describeAudience(m CohortMessage) string {
	var parts []string
	for _, r := range m.Roles {
		parts = append(parts, string(r)+"s")
	}
	var st []string
	for _, s := range m.Statuses {
		st = append(st, string(s))
	}
	return strings.Join(parts, " and ") + ": " + strings.Join(st, ", ")
}
