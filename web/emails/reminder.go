package emails

import (
	"strings"

	"registrar/workflows"
)

var _ workflows.ReminderRenderer = (*Renderer)(nil)

// Reminder renders a reminder, digest or cohort message; the footer says why
// it came and that one click stops it.
func (r *Renderer) Reminder(d workflows.ReminderEmail) (workflows.EmailContent, error) {
	m := meta{Subject: d.Subject, Preheader: firstLine(d.TextBody), Product: r.product, BaseURL: r.baseURL,
		Footer: "You received this email because of your part in a programme run with " + productName + "."}
	// The HTML part's title and preheader take the pre-escaped values: the
	// provider puts values in unchanged, and a name may hold markup.
	h := m
	h.Subject, h.Preheader = d.HTMLSubject, firstLine(d.HTMLBody)
	return render(m, reminderHTML(h, d), reminderText(m, d))
}

// paragraphs splits plain text at blank lines, and each paragraph into lines.
func paragraphs(s string) [][]string {
	var out [][]string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, strings.Split(p, "\n"))
		}
	}
	return out
}

func firstLine(s string) string {
	for _, p := range paragraphs(s) {
		if !strings.HasPrefix(p[0], "Hello") {
			return p[0]
		}
	}
	return ""
}
