package web

import (
	"net/http"

	"registrar/web/views"
	"registrar/workflows"
)

func (s *Server) handleHomeIndex(w http.ResponseWriter, r *http.Request) {
	events, err := s.Events.ListOpen(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := views.HomeView{Page: s.page(r, "Contributor training")}
	for _, e := range events {
		v.Events = append(v.Events, eventCard(e))
	}
	s.render(w, r, http.StatusOK, views.HomePage(v))
}

func eventCard(e workflows.EventSeats) views.EventCard {
	return views.EventCard{
		Slug: e.Slug, Title: e.Title, Dates: workflows.FormatDates(e.Event), Location: e.Location,
		Timezone: e.Timezone, StudentsLeft: e.StudentsLeft, MentorsLeft: e.MentorsLeft,
		ClosesOn: e.RegistrationCloses().Add(-1).Format("2 January 2006"),
	}
}
