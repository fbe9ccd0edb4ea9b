package web

import (
	"net/http"

	"registrar/web/views"
)

func (s *Server) handleMentorShow(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	regs, err := s.Homes.Mentor(r.Context(), v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := views.MyPageView{Page: s.page(r, "Mentoring"), Areas: areas(v, "/mentor"), Role: "mentor"}
	for _, reg := range regs {
		page.Registrations = append(page.Registrations, myItem(reg))
	}
	s.render(w, r, http.StatusOK, views.MyPage(page))
}

func (s *Server) handleMentorEventShow(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	reg, err := s.Homes.MentorEvent(r.Context(), v, r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.MentorEventPage(views.MentorEventView{Page: s.page(r, reg.Event.Title+" · Mentoring"),
		Areas: areas(v, "/mentor"), Registration: myItem(reg)}))
}
