package workflowstest

import (
	"context"
	"strings"
	"sync"

	"registrar/workflows"
)

// BatchMailer records the batches it is given.
type BatchMailer struct {
	mu      sync.Mutex
	batches []workflows.BatchMessage
	// Fail, when set, decides per call: return an error to refuse the batch.
	Fail func(b workflows.BatchMessage) error
}

func (m *BatchMailer) SendBatch(_ context.Context, b workflows.BatchMessage) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		if err := m.Fail(b); err != nil {
			return "", err
		}
	}
	m.batches = append(m.batches, b)
	return "batch-" + b.ID, nil
}

// Batches returns the batches sent so far.
func (m *BatchMailer) Batches() []workflows.BatchMessage {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]workflows.BatchMessage(nil), m.batches...)
}

// Copies returns every recipient's copy: subject and text with their values.
func (m *BatchMailer) Copies() map[string][]string {
	out := map[string][]string{}
	for _, b := range m.Batches() {
		for _, r := range b.Recipients {
			out[r.To] = append(out[r.To], workflows.Expand(b.Subject, r.Vars)+"\n"+workflows.Expand(b.Text, r.Vars))
		}
	}
	return out
}

// Reminder renders a reminder as plain strings holding its parts.
func (Renderer) Reminder(d workflows.ReminderEmail) (workflows.EmailContent, error) {
	body := d.TextBody + "\n" + strings.Join(d.Lines, "\n") + "\n" + d.Link + "\nunsubscribe: " + d.Unsubscribe
	return workflows.EmailContent{Subject: d.Subject, HTML: "<p>" + d.HTMLBody + "</p>", Text: body}, nil
}
