package web

import (
	"fmt"
	"net/http"

	"registrar/workflows"
)

// handleMentorCheckInCreate records (or rewrites) a week's check-in of a
// pairing, then back to the dashboard.
func (s *Server) handleMentorCheckInCreate(w http.ResponseWriter, r *http.Request) {
	in, err := checkInForm(r)
	if err != nil {
		s.badRequest(w, r, err)
		return
	}
	v, id := viewer(r), r.PathValue("id")
	out, err := s.CheckIns.Record(r.Context(), v, id, in)
	if fields := workflows.FieldErrors(err); fields != nil {
		if v.Mentor {
			s.renderMentorDashboard(w, r, http.StatusUnprocessableEntity, id, in, fields)
		} else { // an organizer: the pairing's page is where they came from
			s.renderPairing(w, r, http.StatusUnprocessableEntity, id, stepError{}, &in, fields)
		}
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	verb := "saved"
	if out.Updated {
		verb = "updated"
	}
	msg := fmt.Sprintf("Check-in for %s %s (week of %s).", out.Student.Person.Name, verb, weekDates(out.CheckIn.Week))
	if out.Notified {
		msg += " The organizers have been told."
	}
	s.flash(r, msg)
	to := "/mentor"
	if !v.Mentor {
		to = pairingPath(id)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}
