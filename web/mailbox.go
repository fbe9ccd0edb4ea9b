package web

import (
	"net/http"

	"registrar/web/views"
)

func (s *Server) handleMailboxIndex(w http.ResponseWriter, r *http.Request) {
	msgs, err := s.Mailbox.List(r.Context(), 200)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := views.MailboxView{Page: s.page("Dev mailbox")}
	for _, m := range msgs {
		v.Messages = append(v.Messages, mailboxItem(m))
	}
	s.render(w, r, http.StatusOK, views.MailboxPage(v))
}

func (s *Server) handleMailboxShow(w http.ResponseWriter, r *http.Request) {
	m, err := s.Mailbox.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// Emails carry inline styles; allow them here only, inside the sandbox.
	w.Header().Set("Content-Security-Policy", contentSecurityPolicy+"; style-src 'self' 'unsafe-inline'")
	s.render(w, r, http.StatusOK, views.MailboxMessagePage(views.MailboxMessageView{
		Page: s.page(m.Subject), Message: mailboxItem(m), HTML: m.HTML, Text: m.Text}))
}

func mailboxItem(m MailboxMessage) views.MailboxItem {
	return views.MailboxItem{ID: m.ID, To: m.To, Subject: m.Subject, Kind: m.Kind, Sent: m.Sent}
}
