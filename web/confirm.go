package web

import (
	"net/http"

	"registrar/web/views"
	"registrar/workflows"
)

// handleConfirmShow is where a confirmation link lands. Mail scanners fetch
// links, so the GET changes nothing: a usable link shows one button whose
// POST (handleConfirmCreate) confirms.
func (s *Server) handleConfirmShow(w http.ResponseWriter, r *http.Request) {
	linkHeaders(w)
	res, err := s.Signups.ConfirmLinkState(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if res.Outcome == workflows.ConfirmedAgain && r.URL.Query().Has("done") { // where the button's 303 lands
		switch res.Status {
		case workflows.StatusConfirmed:
			res.Outcome = workflows.ConfirmedSeat
		case workflows.StatusWaitlisted:
			res.Outcome = workflows.ConfirmedWait
		}
	}
	s.renderConfirm(w, r, res, r.URL.Path)
}

// handleConfirmCreate confirms through the button of the link's page.
func (s *Server) handleConfirmCreate(w http.ResponseWriter, r *http.Request) {
	linkHeaders(w)
	res, err := s.Signups.Confirm(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if res.Outcome != workflows.ConfirmedSeat && res.Outcome != workflows.ConfirmedWait {
		s.renderConfirm(w, r, res, r.URL.Path)
		return
	}
	http.Redirect(w, r, r.URL.Path+"?done", http.StatusSeeOther)
}

func (s *Server) renderConfirm(w http.ResponseWriter, r *http.Request, res workflows.ConfirmResult, action string) {
	v := views.ConfirmView{Page: s.page(r, "Your place"), Outcome: views.ConfirmOutcome(res.Outcome),
		EventTitle: res.Event.Title, EventSlug: res.Event.Slug, Role: string(res.Role), Action: action}
	status := http.StatusOK
	switch v.Outcome {
	case views.ConfirmInvalid:
		status = http.StatusNotFound
	case views.ConfirmAlready:
		status = http.StatusGone
	case views.ConfirmReady:
		v.Page.Title = "Confirm your place"
	}
	s.render(w, r, status, views.ConfirmPage(v))
}

// linkHeaders keeps a one-time link's token out of referrers and caches.
func linkHeaders(w http.ResponseWriter) {
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("Cache-Control", "no-store")
}
