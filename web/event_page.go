package web

import (
	"net/http"
	"net/url"
	"registrar/web/views"
	"registrar/workflows"
)

// The event page as both the event and the sign-up handlers render it.

func eventCard(e workflows.EventSeats) views.EventCard {
	return views.EventCard{
		Slug: e.Slug, Title: e.Title, Dates: workflows.FormatDates(e.Event), Location: e.Location,
		Timezone: e.Timezone, StudentsLeft: e.StudentsLeft, MentorsLeft: e.MentorsLeft,
		ClosesOn: e.RegistrationCloses().Add(-1).Format("2 January 2006"),
	}
}

// eventView loads the event page with both forms empty; callers may replace
// one form with the values and errors of a failed post.
func (s *Server) eventView(r *http.Request, slug string) (views.EventView, error) {
	e, open, err := s.Events.Show(r.Context(), slug)
	if err != nil {
		return views.EventView{}, err
	}
	c := e.Content
	v := views.EventView{
		Page:      s.page(r, e.Title),
		Event:     eventCard(e),
		Open:      open,
		Student:   emptyForm(slug, workflows.RoleStudent),
		Mentor:    emptyForm(slug, workflows.RoleMentor),
		Timezones: workflows.Timezones(),
		Content: views.EventContent{Description: c.Description, Agenda: c.Agenda, Venue: c.Venue,
			Prerequisites: c.Prerequisites, ContactEmail: c.ContactEmail, CodeOfConduct: c.CodeOfConduct},
		Privacy: privacyPlaces(s.Config.Integrations),
	}
	v.Student.CoCURL, v.Student.Full = c.CodeOfConduct, e.StudentsLeft <= 0
	v.Mentor.CoCURL, v.Mentor.Full = c.CodeOfConduct, e.MentorsLeft <= 0
	v.Page.ScriptURL = s.Assets.Path("timezone.js")
	v.Page.Description = "Sign up for " + e.Title + ", " + v.Event.Dates + "."
	if !open {
		v.ClosedReason = "Sign-up for this event is closed."
	}
	return v, nil
}

func emptyForm(slug string, role workflows.Role) views.SignupForm {
	values := map[string]string{} // the time zone: UTC, or the browser's (views.fill)
	if role == workflows.RoleMentor {
		values["max_mentees"] = "2"
	}
	return views.SignupForm{Role: string(role), Action: formAction(slug, role), Values: values, Errors: map[string]string{}}
}

// formAction posts to the role's sign-up route; the fragment brings the
// form back into view when it is re-rendered with errors.
func formAction(slug string, role workflows.Role) string {
	return "/events/" + url.PathEscape(slug) + "/" + string(role) + "s#" + string(role)
}
