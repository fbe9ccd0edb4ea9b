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

// TestSendBatchOfEmails checks sign-up emails sent together: each copy, and
// each report about it, names its own email as one sent alone does, so a
// retry alone finds it and a delivery report updates it.
func TestSendBatchOfEmails(t *testing.T) {
	fake := mailguntest.New(t)
	m := newMailer(t, fake, nil)
	b := workflows.BatchMessage{ID: "b1", Subject: "Confirm your place", Text: "Open %recipient.link%", Tag: "confirm_signup", OfEmails: true,
		Recipients: []workflows.BatchRecipient{
			{To: "ada@example.org", Vars: map[string]string{"send_id": "e1", "link": "https://r.test/confirm/a"}},
			{To: "bob@example.org", Vars: map[string]string{"send_id": "e2", "link": "https://r.test/confirm/b"}},
		}}
	id, err := m.SendBatch(t.Context(), b)
	if err != nil {
		t.Fatal(err)
	}
	copies := fake.Copies()
	if len(copies) != 2 {
		t.Fatalf("%d copies, want 2", len(copies))
	}
	for i, c := range copies {
		to, email, link := b.Recipients[i].To, b.Recipients[i].Vars["send_id"], b.Recipients[i].Vars["link"]
		if c.Variables[mailgun.VariableEmailID] != email || c.Variables[mailgun.VariableSendID] != "" || c.Text != "Open "+link {
			t.Errorf("%s's copy: variables %v, text %q; want email ID %s, no send ID, their link", to, c.Variables, c.Text, email)
		}
		ev, err := mailgun.ParseEvent(mailguntest.Webhook(mailguntest.WebhookKey, mailguntest.WebhookEvent{Event: "delivered",
			MessageID: c.MessageID, Recipient: to, Variables: c.Variables}))
		if err != nil || ev.EmailID != email || ev.SendID != "" || ev.MessageID != id {
			t.Errorf("report on %s's copy = %+v, %v; want email %s of message %s", to, ev, err, email, id)
		}
		// A retry alone after an unknown outcome finds the copy.
		found, err := m.Send(t.Context(), workflows.Message{ID: email, To: to, Subject: "Confirm your place", Text: "x", MaybeSent: true})
		if err != nil || found != id {
			t.Errorf("retry of %s = %q, %v; want the batch's %q", email, found, err, id)
		}
	}
	if n := len(fake.Messages()); n != 1 {
		t.Errorf("%d messages at the fake, want the one batch", n)
	}
}
