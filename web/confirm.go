package web

import (
	"net/http"

	"registrar/web/views"
)

// handleConfirmShow follows a one-time confirmation link. It is a GET because
// it is a link in an email; the token makes it safe to act on once.
func (s *Server) handleConfirmShow(w http.ResponseWriter, r *http.Request) {
	res, err := s.Signups.Confirm(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := views.ConfirmView{Page: s.page(r, "Your place"), Outcome: views.ConfirmOutcome(res.Outcome),
		EventTitle: res.Event.Title, EventSlug: res.Event.Slug, Role: string(res.Role)}
	status := http.StatusOK
	if v.Outcome == views.ConfirmInvalid {
		status = http.StatusNotFound
	}
	w.Header().Set("Referrer-Policy", "no-referrer") // the token is in the URL
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, views.ConfirmPage(v))
}
