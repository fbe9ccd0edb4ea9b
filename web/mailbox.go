package web

import (
	"net/http"
	"strings"

	"registrar/web/views"
)

// localOnly serves the dev mailbox to this machine only, and never through
// a proxy: it holds sign-in links, so anyone who could read it could sign
// in as anyone.
func (s *Server) localOnly(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.direct(r) {
			s.message(w, r, http.StatusForbidden, "The dev mailbox is shown only on the machine Registrar runs on, "+
				"opened directly (not through a proxy) at its own address: it holds sign-in links.")
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		next(w, r)
	}
}

func (s *Server) handleMailboxIndex(w http.ResponseWriter, r *http.Request) {
	msgs, err := s.Mailbox.List(r.Context(), 200)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := views.MailboxView{Page: s.page(r, "Dev mailbox")}
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
	s.render(w, r, http.StatusOK, views.MailboxMessagePage(views.MailboxMessageView{
		Page: s.page(r, m.Subject), Message: mailboxItem(m), Text: m.Text}))
}

// handleMailboxHTML serves an email's HTML part on its own, for the message
// page's sandboxed frame: inline styles allowed, scripts, forms and our
// cookies not. Its links open in a new tab that leaves the sandbox, so
// "Confirm my place" in a preview works as it would in a mail program.
func (s *Server) handleMailboxHTML(w http.ResponseWriter, r *http.Request) {
	m, err := s.Mailbox.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; "+
		"style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'")
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write([]byte(linksInNewTab(m.HTML)))
}

// linksInNewTab makes every link of an HTML email open a new tab (a frame's
// own navigation would stay sandboxed): a <base target> at the start of its
// head, or of the document when it has none.
func linksInNewTab(html string) string {
	const base = `<base target="_blank">`
	if i := strings.Index(strings.ToLower(html), "<head>"); i >= 0 {
		i += len("<head>")
		return html[:i] + base + html[i:]
	}
	return base + html
}

func mailboxItem(m MailboxMessage) views.MailboxItem {
	return views.MailboxItem{ID: m.ID, To: m.To, Subject: m.Subject, Kind: m.Kind, Sent: m.Sent}
}
