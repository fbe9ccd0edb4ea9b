package web

import (
	"net/http"

	"registrar/workflows"
)

// handleMeResend emails the signed-in person a new confirmation link for one
// of their registrations awaiting confirmation, then back to the page that
// lists it. Someone else's registration is 404.
func (s *Server) handleMeResend(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	reg, err := s.Homes.ResendConfirmation(r.Context(), v, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, "We sent a new confirmation link for "+reg.Event.Title+" to "+v.Email+
		". Links sent before keep working until one of them is used.")
	to := "/me"
	if reg.Role == workflows.RoleMentor {
		to = "/mentor"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// handleAdminRegistrationResend sends the person a new confirmation link on
// an organizer's behalf, then back to the person's page.
func (s *Server) handleAdminRegistrationResend(w http.ResponseWriter, r *http.Request) {
	reg, err := s.PeopleAdmin.ResendConfirmation(r.Context(), viewer(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, "Sent "+reg.Person.Name+" a new confirmation link for "+reg.Event.Title+" at "+reg.Person.Email+".")
	http.Redirect(w, r, personPath(reg.PersonID), http.StatusSeeOther)
}
