package web

import (
	"fmt"
	"net/http"
	"strconv"

	"registrar/web/views"
	"registrar/workflows"
)

func (s *Server) handleAdminProgressIndex(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := workflows.ProgressFilter{MentorID: q.Get("mentor")}
	for _, c := range colours() {
		if string(c) == q.Get("colour") {
			f.Colour = c
		}
	}
	page, err := s.Watch.Progress(r.Context(), viewer(r), r.PathValue("slug"), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.ProgressPage(s.progressView(r, page)))
}

func colours() []workflows.Colour {
	return []workflows.Colour{workflows.ColourRed, workflows.ColourAmber, workflows.ColourGreen}
}

func (s *Server) progressView(r *http.Request, p workflows.ProgressPage) views.ProgressView {
	v := viewer(r)
	path := adminEventPath(p.Event.Slug) + "/progress"
	out := views.ProgressView{Page: s.page(r, p.Event.Title+" · Progress"), Nav: adminNav(v, "events"),
		Head: mentoringHead(p.Event, "progress"), Filtered: p.Filter != (workflows.ProgressFilter{}), ClearURL: path,
		Total: p.Counts.Total(), Funnel: funnelChart(p.Funnel), Weekly: weeklyChart(p.Weekly)}
	c := p.Counts
	out.Tiles = []views.StatTile{
		{Label: "Stalled", Value: strconv.Itoa(c.Red), Note: "no progress for over 14 days", Tone: toneIf(c.Red > 0, "bad"), TestID: "tile-red"},
		{Label: "Slowing", Value: strconv.Itoa(c.Amber), Note: "8 to 14 days", Tone: toneIf(c.Amber > 0, "warn"), TestID: "tile-amber"},
		{Label: "On track", Value: strconv.Itoa(c.Green), Note: "progress this week, or just paired", Tone: "ok", TestID: "tile-green"},
		{Label: "Need an organizer", Value: strconv.Itoa(c.Attention), Note: "blocked, or the mentor asked", Tone: toneIf(c.Attention > 0, "bad"), TestID: "tile-attention"},
	}
	out.ColourOptions = []views.Option{{Value: "", Label: fmt.Sprintf("Any colour (%d)", c.Total())}}
	counts := map[workflows.Colour]int{workflows.ColourRed: c.Red, workflows.ColourAmber: c.Amber, workflows.ColourGreen: c.Green}
	for _, col := range colours() {
		out.ColourOptions = append(out.ColourOptions, views.Option{Value: string(col),
			Label: fmt.Sprintf("%s (%d)", colourName(col), counts[col]), Selected: p.Filter.Colour == col})
	}
	out.MentorOptions = []views.Option{{Value: "", Label: "Any mentor"}}
	for _, m := range p.Mentors {
		out.MentorOptions = append(out.MentorOptions, views.Option{Value: m.ID, Label: m.Person.Name, Selected: p.Filter.MentorID == m.ID})
	}
	for _, row := range p.Rows {
		out.Rows = append(out.Rows, progressRow(v, row))
	}
	return out
}

func progressRow(v workflows.Viewer, r workflows.ProgressRow) views.ProgressRow {
	row := views.ProgressRow{Name: r.Student.Person.Name, PersonURL: personPath(r.Student.PersonID), Project: r.Student.Answers.Project,
		Mentor: r.Mentor.Person.Name, StepsDone: r.StepsDone, StepsTotal: r.StepsTotal, Steps: fmt.Sprintf("%d/%d", r.StepsDone, r.StepsTotal),
		Colour: string(r.Colour), ColourLabel: colourName(r.Colour), Reason: r.Reason, LastCheckIn: "None yet"}
	if c := r.LastCheckIn; c.ID != "" {
		row.LastCheckIn = fmt.Sprintf("%s · %s · %s", c.Week, c.State.Label(), day(v, c.Updated))
	}
	switch {
	case r.LastCheckIn.NeedsOrganizer:
		row.Attention = "Mentor asks for an organizer"
	case r.Attention:
		row.Attention = "Blocked"
	}
	return row
}
