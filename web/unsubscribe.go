package web

import (
	"net/http"
	"net/url"

	"registrar/web/views"
)

// handleUnsubscribeShow shows what a link stops and a button. It changes
// nothing: link scanners fetch URLs from emails.
func (s *Server) handleUnsubscribeShow(w http.ResponseWriter, r *http.Request) {
	link, err := s.Preferences.Link(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.UnsubscribePage(views.UnsubscribeView{Page: s.page(r, "Unsubscribe"),
		Action: "/unsubscribe/" + url.PathEscape(r.PathValue("token")), Description: link.Description}))
}

// handleUnsubscribeCreate is RFC 8058 one-click unsubscribe: the mail
// provider (or the button on the page) POSTs List-Unsubscribe=One-Click with
// no cookie and no session; the token alone says who and what. It answers
// 200 with a page rather than a redirect, as mail providers expect.
func (s *Server) handleUnsubscribeCreate(w http.ResponseWriter, r *http.Request) {
	link, err := s.Preferences.Unsubscribe(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.UnsubscribePage(views.UnsubscribeView{Page: s.page(r, "Unsubscribed"),
		Description: link.Description, Done: true}))
}
