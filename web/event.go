package web

import (
	"net/http"
	"net/url"

	"registrar/web/views"
	"registrar/workflows"
)

func (s *Server) handleEventShow(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	v, err := s.eventView(r, slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.EventPage(v))
}

// eventView loads the event page with both forms empty; callers may replace
// one form with the values and errors of a failed post.
func (s *Server) eventView(r *http.Request, slug string) (views.EventView, error) {
	e, open, err := s.Events.Show(r.Context(), slug)
	if err != nil {
		return views.EventView{}, err
	}
	v := views.EventView{
		Page:      s.page(r, e.Title),
		Event:     eventCard(e),
		Open:      open,
		Student:   emptyForm(slug, workflows.RoleStudent),
		Mentor:    emptyForm(slug, workflows.RoleMentor),
		Timezones: workflows.Timezones(),
	}
	v.Page.Description = "Sign up for " + e.Title + ", " + v.Event.Dates + "."
	if !open {
		v.ClosedReason = "Sign-up for this event is closed."
	}
	return v, nil
}

func emptyForm(slug string, role workflows.Role) views.SignupForm {
	values := map[string]string{"timezone": "UTC"}
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
