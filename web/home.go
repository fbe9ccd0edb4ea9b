package web

import (
	"net/http"

	"registrar/web/views"
)

func (s *Server) handleHomeIndex(w http.ResponseWriter, r *http.Request) {
	events, err := s.Events.ListOpen(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := views.HomeView{Page: s.page(r, "Contributor training")}
	for _, e := range events {
		v.Events = append(v.Events, eventCard(e))
	}
	s.render(w, r, http.StatusOK, views.HomePage(v))
}
