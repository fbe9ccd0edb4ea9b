package web

import (
	"fmt"
	"net/http"
	"strconv"

	"registrar/web/views"
	"registrar/workflows"
)

func (s *Server) handleAdminDashboard(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	d, err := s.Overview.Dashboard(r.Context(), v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.DashboardPage(s.dashboardView(r, v, d)))
}

func (s *Server) dashboardView(r *http.Request, v workflows.Viewer, d workflows.Dashboard) views.DashboardView {
	page := views.DashboardView{Page: s.page(r, "Organizer"), Nav: adminNav(v, "events")}
	var open, seated, waitlisted, pending int
	var mentoring workflows.ProgressCounts
	for _, e := range d.Events {
		row := eventRow(e)
		if c, ok := d.Progress[e.ID]; ok {
			row.Progress = progressSummary(c)
			mentoring.Red, mentoring.Amber, mentoring.Green = mentoring.Red+c.Red, mentoring.Amber+c.Amber, mentoring.Green+c.Green
		}
		page.Events = append(page.Events, row)
		if e.State == workflows.SignupOpen {
			open++
		}
		if e.State != workflows.SignupEnded {
			seated += e.Students.Seats()
			waitlisted += e.Students.ByStatus[workflows.StatusWaitlisted] + e.Mentors.ByStatus[workflows.StatusWaitlisted]
			pending += e.Students.ByStatus[workflows.StatusPending] + e.Mentors.ByStatus[workflows.StatusPending]
		}
	}
	problems := views.StatTile{Label: "Sync problems", Value: strconv.Itoa(len(d.Problems)), Note: "all clear", Tone: "ok", TestID: "tile-problems"}
	if len(d.Problems) > 0 {
		problems.Note, problems.Tone = "see below", "bad"
	}
	page.Tiles = []views.StatTile{
		{Label: "Open for sign-up", Value: strconv.Itoa(open), Note: "of " + plural(len(d.Events), "event"), TestID: "tile-open"},
		{Label: "Students seated", Value: strconv.Itoa(seated), Note: "in current events", TestID: "tile-seated"},
		{Label: "On a waitlist", Value: strconv.Itoa(waitlisted), Note: "students and mentors", Tone: toneIf(waitlisted > 0, "warn"), TestID: "tile-waitlisted"},
		{Label: "Unconfirmed", Value: strconv.Itoa(pending), Note: "address not confirmed", TestID: "tile-pending"},
		{Label: "Stalled students", Value: strconv.Itoa(mentoring.Red), Note: progressSummary(mentoring),
			Tone: toneIf(mentoring.Red > 0, "bad"), TestID: "tile-stalled"},
		problems,
	}
	for _, j := range d.Problems {
		page.Problems = append(page.Problems, jobRow(v, j, problemAbout(j)))
	}
	for _, in := range s.Config.Integrations {
		page.Integrations = append(page.Integrations, integrationRow(in))
	}
	for _, a := range d.Recent {
		page.Recent = append(page.Recent, auditRow(v, a))
	}
	return page
}

// problemAbout says what a failing job is for, as far as the dashboard knows.
func problemAbout(j workflows.JobStatus) string {
	switch {
	case j.Kind == workflows.JobSendEmail:
		return "an email"
	case j.PersonID == "":
		return "an erased registration"
	default:
		return "a registration"
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// progressSummary counts students in mentoring by colour, in words.
func progressSummary(c workflows.ProgressCounts) string {
	if c.Total() == 0 {
		return "nobody in mentoring yet"
	}
	return fmt.Sprintf("%d stalled · %d slowing · %d on track", c.Red, c.Amber, c.Green)
}
