package web

import (
	"fmt"
	"net/http"

	"registrar/web/views"
)

func (s *Server) handleMeShow(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	regs, err := s.Homes.Student(r.Context(), v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := views.MyPageView{Page: s.page(r, "Your registrations"), Areas: areas(v, "/me"), Role: "student"}
	for _, reg := range regs {
		page.Registrations = append(page.Registrations, myItem(reg))
	}
	s.render(w, r, http.StatusOK, views.MyPage(page))
}

func (s *Server) handleMeWithdraw(w http.ResponseWriter, r *http.Request) {
	change, err := s.Homes.Withdraw(r.Context(), viewer(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, fmt.Sprintf("You have withdrawn from %s. Thank you for letting us know.", change.Registration.Event.Title))
	http.Redirect(w, r, "/me", http.StatusSeeOther)
}
