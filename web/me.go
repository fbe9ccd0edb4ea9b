package web

import (
	"fmt"
	"net/http"

	"registrar/web/views"
)

func (s *Server) handleMeShow(w http.ResponseWriter, r *http.Request) {
	s.renderMe(w, r, http.StatusOK, stepError{})
}

// renderMe renders a student's page; e is a refused step post to show again.
func (s *Server) renderMe(w http.ResponseWriter, r *http.Request, status int, e stepError) {
	v := viewer(r)
	regs, err := s.Homes.Student(r.Context(), v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := views.MyPageView{Page: s.page(r, "Your registrations"), Areas: areas(v, "/me"), Role: "student"}
	for _, reg := range regs {
		page.Registrations = append(page.Registrations, myItem(reg))
		if reg.Checklist != nil {
			se := stepError{}
			if e.registrationID == reg.ID {
				se = e
			}
			page.Checklists = append(page.Checklists, checklistView(v, *reg.Checklist, se))
		}
	}
	if e.message != "" {
		page.Page.Title = "Error: " + page.Page.Title
	}
	s.render(w, r, status, views.MyPage(page))
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
