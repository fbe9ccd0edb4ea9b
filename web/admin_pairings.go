package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"registrar/web/views"
	"registrar/workflows"
)

func (s *Server) handleAdminPairingsIndex(w http.ResponseWriter, r *http.Request) {
	b, err := s.Pairings.Board(r.Context(), viewer(r), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.PairingsPage(s.pairingsView(r, b, "")))
}

// handleAdminPairingCreate pairs a student with a mentor (registration IDs).
// A refused pairing shows the page again with the reason, nothing changed.
func (s *Server) handleAdminPairingCreate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, err)
		return
	}
	v := viewer(r)
	res, err := s.Pairings.Pair(r.Context(), v, r.PostForm.Get("student"), r.PostForm.Get("mentor"))
	if workflows.KindOf(err) == workflows.Invalid {
		s.renderPairingError(w, r, r.PostForm.Get("student"), err)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	verb := "Paired %s with %s. Both have an introduction on its way."
	if res.Moved {
		verb = "Moved %s to %s. Both have an introduction on its way."
	}
	s.flash(r, fmt.Sprintf(verb, res.Student.Person.Name, res.Mentor.Person.Name))
	http.Redirect(w, r, pairingsPath(res.Student.Event.Slug), http.StatusSeeOther)
}

// renderPairingError answers a refused pairing with the student's event's
// pairings page and the reason; without a known student there is no page.
func (s *Server) renderPairingError(w http.ResponseWriter, r *http.Request, studentID string, refusal error) {
	slug, err := s.Pairings.EventOf(r.Context(), viewer(r), studentID)
	if err != nil {
		s.message(w, r, http.StatusUnprocessableEntity, workflows.MessageOf(refusal))
		return
	}
	b, err := s.Pairings.Board(r.Context(), viewer(r), slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusUnprocessableEntity, views.PairingsPage(s.pairingsView(r, b, pairingRefusal(refusal))))
}

func pairingRefusal(err error) string {
	if f := workflows.FieldErrors(err); f != nil {
		return "Choose a student and a mentor."
	}
	return workflows.MessageOf(err)
}

func (s *Server) handleAdminPairingsPairAll(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	res, err := s.Pairings.PairAll(r.Context(), viewer(r), slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	msg := fmt.Sprintf("Paired %s with their first suggestion.", plural(res.Paired, "student"))
	if res.Left > 0 {
		msg += fmt.Sprintf(" Still without a mentor: %d (no mentor has room).", res.Left)
	}
	s.flash(r, msg)
	http.Redirect(w, r, pairingsPath(slug), http.StatusSeeOther)
}

func (s *Server) handleAdminPairingEnd(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, err)
		return
	}
	slug, err := s.Pairings.End(r.Context(), viewer(r), r.PathValue("id"), r.PostForm.Get("reason"))
	if f := workflows.FieldErrors(err); f != nil {
		s.message(w, r, http.StatusUnprocessableEntity, f["reason"])
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, "Ended the pairing. The student waits for a new mentor below.")
	http.Redirect(w, r, pairingsPath(slug), http.StatusSeeOther)
}

func pairingsPath(slug string) string { return adminEventPath(slug) + "/pairings" }

func (s *Server) pairingsView(r *http.Request, b workflows.PairingBoard, refusal string) views.PairingsView {
	v := viewer(r)
	page := views.PairingsView{Page: s.page(r, b.Event.Title+" · Pairings"), Nav: adminNav(v, "events"),
		Head: mentoringHead(b.Event, "pairings"), Error: refusal, PairURL: "/admin/pairings"}
	free, idle := 0, 0
	for _, m := range b.Mentors {
		capacity := workflows.MentorCapacity(m.Mentor.Registration)
		card := views.MentorCard{Name: m.Mentor.Person.Name, Projects: clip(m.Mentor.Answers.Projects, 120), Timezone: m.Mentor.Person.Timezone,
			Load: load(m.Load, capacity), Pct: 100 * m.Load / capacity, Full: m.Free() <= 0, Idle: m.Load == 0}
		page.Mentors = append(page.Mentors, card)
		free += max(0, m.Free())
		if card.Idle {
			idle++
		}
		if m.Free() > 0 {
			page.WithRoom = append(page.WithRoom, views.Option{Value: m.Mentor.ID,
				Label: fmt.Sprintf("%s (%s)", m.Mentor.Person.Name, load(m.Load, capacity))})
		}
	}
	canPair := false
	for _, u := range b.Unpaired {
		ws := views.WaitingStudent{ID: u.Student.ID, Name: u.Student.Person.Name, Project: u.Student.Answers.Project,
			Timezone: u.Student.Person.Timezone, Since: day(v, u.Student.Updated)}
		for _, sg := range u.Suggestions {
			ws.Suggestions = append(ws.Suggestions, views.SuggestionCard{MentorID: sg.Mentor.ID, Name: sg.Mentor.Person.Name,
				Load: load(sg.Load, sg.Capacity), Match: sg.SharedProject != "", Reasons: sg.Reasons})
		}
		canPair = canPair || len(u.Suggestions) > 0
		page.Waiting = append(page.Waiting, ws)
	}
	if canPair {
		page.PairAll = pairingsPath(b.Event.Slug)
	}
	for _, p := range b.Current {
		page.Current = append(page.Current, views.PairingRow{ID: p.ID, Student: p.Student.Person.Name, Project: p.Student.Answers.Project,
			Mentor: p.Mentor.Person.Name, Load: load(p.Load, p.Capacity), Since: day(v, p.Started),
			EndAction: "/admin/pairings/" + url.PathEscape(p.ID) + "/end"})
	}
	page.Tiles = []views.StatTile{
		{Label: "Waiting for a mentor", Value: strconv.Itoa(len(b.Unpaired)), Tone: toneIf(len(b.Unpaired) > 0, "warn"), TestID: "tile-waiting"},
		{Label: "Paired", Value: strconv.Itoa(len(b.Current)), Tone: "ok", TestID: "tile-paired"},
		{Label: "Free mentor places", Value: strconv.Itoa(free), Note: fmt.Sprintf("%d mentors", len(b.Mentors)), TestID: "tile-free"},
		{Label: "Mentors without a mentee", Value: strconv.Itoa(idle), Tone: toneIf(idle > 0, "warn"), TestID: "tile-idle"},
	}
	return page
}

// load is a mentor's load as organizers read it: "2 / 3".
func load(n, capacity int) string { return fmt.Sprintf("%d / %d", n, capacity) }

func mentoringHead(e workflows.Event, current string) views.MentoringHead {
	path := adminEventPath(e.Slug)
	return views.MentoringHead{EventTitle: e.Title, EventURL: path, PairingsURL: path + "/pairings", ProgressURL: path + "/progress",
		Current: current, Dates: workflows.FormatDates(e), Timezone: e.Timezone}
}
