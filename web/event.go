package web

import (
	"net/http"

	"registrar/web/views"
)

func (s *Server) handleEventShow(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	v, err := s.eventView(r, slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.EventPage(v))
}
