package web

import (
	"net/http"
	"net/url"

	"registrar/web/views"
	"registrar/workflows"
)

// handleMentorPairingShow is one mentee in full: every week's check-in and
// the steps.
func (s *Server) handleMentorPairingShow(w http.ResponseWriter, r *http.Request) {
	s.renderPairing(w, r, http.StatusOK, r.PathValue("id"), stepError{}, nil, nil)
}

// handleMentorStepUpdate ticks, verifies or unticks a mentee's step.
func (s *Server) handleMentorStepUpdate(w http.ResponseWriter, r *http.Request) {
	m, err := parseStepMark(r)
	if err != nil {
		s.badRequest(w, r, err)
		return
	}
	id, key := r.PathValue("id"), r.PathValue("key")
	out, err := s.Checklists.MarkMentee(r.Context(), viewer(r), id, key, m)
	if fields := workflows.FieldErrors(err); fields != nil {
		s.renderPairing(w, r, http.StatusUnprocessableEntity, id, stepError{key: key, value: m.Evidence, message: fields["evidence"]}, nil, nil)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, stepFlash(out))
	http.Redirect(w, r, pairingPath(id), http.StatusSeeOther)
}

// renderPairing renders a pairing's page, with a refused step or check-in
// post shown again.
func (s *Server) renderPairing(w http.ResponseWriter, r *http.Request, status int, id string, e stepError, in *workflows.CheckInInput, errs map[string]string) {
	v := viewer(r)
	p, err := s.CheckIns.Pairing(r.Context(), v, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	card := menteeCard(p.Card)
	card.Form.Prefix = "check-in"
	if in != nil {
		keep(&card, *in, errs)
	}
	action := func(key string) string { return pairingPath(id) + "/steps/" + url.PathEscape(key) }
	page := views.PairingView{Page: s.page(r, card.Name+" · Mentoring"), Areas: areas(v, "/mentor"), Card: card,
		Mentor: contactOf(p.Mentor.Person), CheckIns: checkInRows(v, p), Steps: stepItems(v, p.Card.Steps, action, true, e),
		States: checkInStates(), Ended: !p.Card.Pairing.Open()}
	if status != http.StatusOK {
		page.Page.Title = "Error: " + page.Page.Title
	}
	s.render(w, r, status, views.PairingPage(page))
}
