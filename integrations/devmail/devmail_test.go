package devmail_test

import (
	"testing"
	"time"

	"registrar/integrations/devmail"
	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

func TestSendKeepsOneCopyPerMessage(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		m := &devmail.Mailer{Store: db, Clock: workflowstest.NewClock(at)}
		msg := workflows.Message{ID: "e1", To: "ada@example.org", Subject: "Confirm", HTML: "<p>Hi</p>", Text: "Hi", Tag: "confirm"}
		for range 2 { // a retry shows the message once
			if id, err := m.Send(t.Context(), msg); err != nil || id != "dev:e1" {
				t.Fatalf("Send = %q, %v", id, err)
			}
		}
		got, err := db.DevMessages(t.Context(), 10)
		want := sqlstore.DevMessage{EmailID: "e1", To: "ada@example.org", Subject: "Confirm", Kind: "confirm", HTML: "<p>Hi</p>", Text: "Hi", Created: at}
		if err != nil || len(got) != 1 || got[0] != want {
			t.Fatalf("dev mailbox = %+v, %v; want %+v", got, err, want)
		}
	})
}

func TestSendBatchKeepsEachRecipientsCopy(t *testing.T) {
	db := sqlstoretest.Open(t) // the expansion is under test, not the store: SQLite only
	m := &devmail.Mailer{Store: db, Clock: workflowstest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))}
	b := workflows.BatchMessage{ID: "b1", Subject: "Hello %recipient.name%", Text: "Hi %recipient.name%", Tag: "reminder",
		Recipients: []workflows.BatchRecipient{
			{To: "ada@example.org", Vars: map[string]string{"send_id": "s1", "name": "Ada"}},
			{To: "bob@example.org", Vars: map[string]string{"send_id": "s2", "name": "Bob"}},
		}}
	if _, err := m.SendBatch(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"s1": "Hello Ada", "s2": "Hello Bob"} {
		got, err := db.DevMessage(t.Context(), id)
		if err != nil || got.Subject != want || got.Kind != "reminder" {
			t.Errorf("message %s = %+v, %v; want subject %q", id, got, err, want)
		}
	}
}
