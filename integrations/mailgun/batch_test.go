package mailgun_test

import (
	"testing"

	"registrar/integrations/mailgun"
	"registrar/integrations/mailgun/mailguntest"
	"registrar/workflows"
)

func TestSendBatch(t *testing.T) {
	fake := mailguntest.New(t)
	m := newMailer(t, fake, nil)
	b := workflows.BatchMessage{ID: "b1", Subject: "Week %recipient.week%", Text: "Hello %recipient.name%", Tag: "reminder",
		Recipients: []workflows.BatchRecipient{
			{To: "Ada <ada@example.org>", Vars: map[string]string{"send_id": "s1", "name": "Ada", "week": "3"}},
			{To: "bob@example.org", Vars: map[string]string{"send_id": "s2", "name": "Bob", "week": "3"}},
			{To: "ADA@example.org", Vars: map[string]string{"send_id": "s3", "name": "Ada again", "week": "3"}}, // once per address
		}}
	id, err := m.SendBatch(t.Context(), b)
	if err != nil {
		t.Fatal(err)
	}
	msgs := fake.Messages()
	if len(msgs) != 1 || msgs[0].ID != id || len(msgs[0].To) != 2 || msgs[0].Variables[mailgun.VariableBatchID] != "b1" {
		t.Fatalf("messages = %+v, want one batch %s to two addresses", msgs, id)
	}
	for addr, want := range map[string]mailguntest.Copy{
		"ada@example.org": {Subject: "Week 3", Text: "Hello Ada"},
		"bob@example.org": {Subject: "Week 3", Text: "Hello Bob"},
	} {
		got := msgs[0].CopyFor(addr)
		if got.Subject != want.Subject || got.Text != want.Text || len(got.To) != 1 {
			t.Errorf("%s's copy = %+v, want %+v to them alone", addr, got, want)
		}
	}

	// An earlier call's outcome unknown: the batch is found, not sent again.
	b.MaybeSent = true
	again, err := m.SendBatch(t.Context(), b)
	if err != nil || again != id || len(fake.Messages()) != 1 {
		t.Errorf("retry = %q, %v with %d messages; want %q and still one message", again, err, len(fake.Messages()), id)
	}

	b.Recipients = nil
	if _, err := m.SendBatch(t.Context(), b); workflows.KindOf(err) != workflows.Invalid {
		t.Errorf("a batch to nobody = %v, want invalid", err)
	}
}
