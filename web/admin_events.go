package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"registrar/web/views"
	"registrar/workflows"
)

func (s *Server) handleAdminEventNew(w http.ResponseWriter, r *http.Request) {
	values := map[string]string{"timezone": "UTC", "student_capacity": "30", "mentor_capacity": "10"}
	s.renderEventForm(w, r, http.StatusOK, nil, values, nil)
}

func (s *Server) handleAdminEventCreate(w http.ResponseWriter, r *http.Request) {
	f, values, err := parseEventForm(r)
	if err != nil {
		s.badRequest(w, r, err)
		return
	}
	e, err := s.EventAdmin.CreateEvent(r.Context(), viewer(r), f)
	if fields := workflows.FieldErrors(err); fields != nil {
		s.renderEventForm(w, r, http.StatusUnprocessableEntity, nil, values, fields)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, fmt.Sprintf("Created %s. Its sign-up page is at /events/%s.", e.Title, e.Slug))
	http.Redirect(w, r, adminEventPath(e.Slug), http.StatusSeeOther)
}

func (s *Server) handleAdminEventEdit(w http.ResponseWriter, r *http.Request) {
	e, err := s.EventAdmin.Event(r.Context(), viewer(r), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := workflows.EventFormOf(e.Event)
	f.EventContent = e.Content
	s.renderEventForm(w, r, http.StatusOK, &e, eventFormValues(f), nil)
}

func (s *Server) handleAdminEventUpdate(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	f, values, err := parseEventForm(r)
	if err != nil {
		s.badRequest(w, r, err)
		return
	}
	change, err := s.EventAdmin.UpdateEvent(r.Context(), viewer(r), slug, f)
	if fields := workflows.FieldErrors(err); fields != nil {
		e, err := s.EventAdmin.Event(r.Context(), viewer(r), slug)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.renderEventForm(w, r, http.StatusUnprocessableEntity, &e, values, fields)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, "Saved the event."+openSeatsText(change.Open))
	http.Redirect(w, r, adminEventPath(slug), http.StatusSeeOther)
}

func (s *Server) handleAdminEventClose(w http.ResponseWriter, r *http.Request) {
	s.setEventClosed(w, r, true)
}

func (s *Server) handleAdminEventOpen(w http.ResponseWriter, r *http.Request) {
	s.setEventClosed(w, r, false)
}

func (s *Server) setEventClosed(w http.ResponseWriter, r *http.Request, closed bool) {
	e, err := s.EventAdmin.SetEventClosed(r.Context(), viewer(r), r.PathValue("slug"), closed)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	msg := "Sign-up for " + e.Title + " is open again (within its window)."
	if closed {
		msg = "Sign-up for " + e.Title + " is closed: the public form no longer takes sign-ups."
	}
	s.flash(r, msg)
	http.Redirect(w, r, adminEventPath(e.Slug), http.StatusSeeOther)
}

// renderEventForm shows the new-event form (e nil) or the edit form.
func (s *Server) renderEventForm(w http.ResponseWriter, r *http.Request, status int, e *workflows.EventSummary, values, errs map[string]string) {
	v := viewer(r)
	page := views.EventFormView{Page: s.page(r, "New event"), Nav: adminNav(v, "events"), Action: "/admin/events",
		Values: values, Errors: errs, Timezones: workflows.Timezones()}
	if e != nil {
		page.Page = s.page(r, "Edit "+e.Title)
		page.Editing, page.Action, page.Event = true, adminEventPath(e.Slug), eventRow(*e)
	}
	if errs != nil {
		page.Page.Title = "Fix the event · " + page.Page.Title
	}
	page.Page.ScriptURL = s.Assets.Path("timezone.js")
	s.render(w, r, status, views.EventFormPage(page))
}

func eventFormFields() []string {
	return []string{"title", "slug", "location", "timezone", "starts", "ends",
		"student_capacity", "mentor_capacity", "opens_at", "closes_at",
		"description", "agenda", "venue", "prerequisites", "contact_email", "code_of_conduct"}
}

// parseEventForm reads the event form. A capacity that is not a number
// becomes -1, which the event rules reject with a message for the field.
func parseEventForm(r *http.Request) (workflows.EventForm, map[string]string, error) {
	if err := r.ParseForm(); err != nil {
		return workflows.EventForm{}, nil, err
	}
	v := formValues(r.PostForm, eventFormFields())
	number := func(s string) int {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return -1
		}
		return n
	}
	return workflows.EventForm{EventInput: workflows.EventInput{Slug: v["slug"], Title: v["title"], Location: v["location"],
		Timezone: v["timezone"], StartsOn: v["starts"], EndsOn: v["ends"],
		StudentCapacity: number(v["student_capacity"]), MentorCapacity: number(v["mentor_capacity"]),
		EventContent: workflows.EventContent{Description: v["description"], Agenda: v["agenda"], Venue: v["venue"],
			Prerequisites: v["prerequisites"], ContactEmail: v["contact_email"], CodeOfConduct: v["code_of_conduct"]}},
		OpensAt: v["opens_at"], ClosesAt: v["closes_at"]}, v, nil
}

func eventFormValues(f workflows.EventForm) map[string]string {
	return map[string]string{"title": f.Title, "slug": f.Slug, "location": f.Location, "timezone": f.Timezone,
		"starts": f.StartsOn, "ends": f.EndsOn, "student_capacity": strconv.Itoa(f.StudentCapacity),
		"mentor_capacity": strconv.Itoa(f.MentorCapacity), "opens_at": f.OpensAt, "closes_at": f.ClosesAt,
		"description": f.Description, "agenda": f.Agenda, "venue": f.Venue, "prerequisites": f.Prerequisites,
		"contact_email": f.ContactEmail, "code_of_conduct": f.CodeOfConduct}
}

// openSeatsText tells the organizer that seats they added wait for them.
func openSeatsText(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return " 1 student seat is free while people wait: accept someone from the waitlist below (the first in line is at the top)."
	}
	return fmt.Sprintf(" %d student seats are free while people wait: accept people from the waitlist below (the first in line is at the top).", n)
}
