package web

import (
	"net/http"
	"strconv"

	"registrar/web/views"
	"registrar/workflows"
)

// handleMentorShow is the mentor dashboard: each mentee with this week's
// check-in, then the mentor's registrations.
func (s *Server) handleMentorShow(w http.ResponseWriter, r *http.Request) {
	s.renderMentorDashboard(w, r, http.StatusOK, "", workflows.CheckInInput{}, nil)
}

// renderMentorDashboard renders the dashboard; a refused check-in for
// pairingID is shown again in its card with errs.
func (s *Server) renderMentorDashboard(w http.ResponseWriter, r *http.Request, status int, pairingID string, in workflows.CheckInInput, errs map[string]string) {
	v := viewer(r)
	d, err := s.CheckIns.Dashboard(r.Context(), v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := views.MentorDashboardView{Page: s.page(r, "Your mentees"), Areas: areas(v, "/mentor"), States: checkInStates()}
	due, attention := 0, 0
	for _, c := range d.Mentees {
		card := menteeCard(c)
		if c.Pairing.ID == pairingID {
			keep(&card, in, errs)
			page.Page.Title = "Error: " + page.Page.Title
		}
		page.Mentees = append(page.Mentees, card)
		if c.ThisWeek == nil {
			due++
		}
		if c.Progress.Colour != workflows.ColourGreen {
			attention++
		}
	}
	page.Tiles = []views.StatTile{
		{Label: "Mentees", Value: strconv.Itoa(len(d.Mentees)), TestID: "tile-mentees"},
		{Label: "Check-ins due", Value: strconv.Itoa(due), Note: "this week", Tone: toneIf(due > 0, "warn"), TestID: "tile-due"},
		{Label: "Need attention", Value: strconv.Itoa(attention), Note: "amber or red", Tone: toneIf(attention > 0, "bad"), TestID: "tile-attention"},
	}
	for _, reg := range d.Registrations {
		page.Registrations = append(page.Registrations, myItem(reg))
	}
	s.render(w, r, status, views.MentorDashboard(page))
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
