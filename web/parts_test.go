package web_test

// The server's optional parts as the tests wire them: the dev mailbox over
// the store, and webhook parts that refuse every call.

import (
	"context"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/web"
	"registrar/workflows"
)

// devMailbox serves the dev mailbox from the database, as cmd wires it.
type devMailbox struct{ db *sqlstore.DB }

func (m devMailbox) List(ctx context.Context, limit int) ([]web.MailboxMessage, error) {
	msgs, err := m.db.DevMessages(ctx, limit)
	var out []web.MailboxMessage
	for _, d := range msgs {
		out = append(out, web.MailboxMessage{ID: d.EmailID, To: d.To, Subject: d.Subject, HTML: d.HTML, Text: d.Text})
	}
	return out, err
}

func (m devMailbox) Get(ctx context.Context, id string) (web.MailboxMessage, error) {
	d, err := m.db.DevMessage(ctx, id)
	return web.MailboxMessage{ID: d.EmailID, To: d.To, Subject: d.Subject, HTML: d.HTML, Text: d.Text}, err
}

// refusingBoard and refusingMail are webhook checkers that accept no call.
type refusingBoard struct{}

func (refusingBoard) Verify([]byte, string) bool { return false }

func (refusingBoard) CardMove([]byte) (web.CardMove, bool) { return web.CardMove{}, false }

type refusingMail struct{}

func (refusingMail) Event([]byte, time.Time) (workflows.MailEvent, error) {
	return workflows.MailEvent{}, workflows.E(workflows.Forbidden, "bad signature")
}
