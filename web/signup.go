package web

import (
	"net/http"
	"net/url"
	"strings"

	"registrar/web/views"
	"registrar/workflows"
)

// signupFields are the form fields per role, in form order.
var signupFields = map[workflows.Role][]string{
	workflows.RoleStudent: {"name", "email", "company", "irc", "timezone", "project", "experience", "goals", "code_of_conduct"},
	workflows.RoleMentor:  {"name", "email", "company", "irc", "timezone", "projects", "max_mentees", "code_of_conduct"},
}

func (s *Server) handleSignupCreate(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	role, ok := workflows.ParseRole(r.PathValue("role"))
	if !ok || !strings.HasSuffix(r.PathValue("role"), "s") {
		s.handleNotFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, err)
		return
	}
	if r.PostForm.Get(honeypotField) != "" {
		s.metrics.signups.WithLabelValues(string(role), "honeypot").Inc()
		http.Redirect(w, r, checkEmailPath(slug), http.StatusSeeOther)
		return
	}
	values := formValues(r.PostForm, signupFields[role])
	_, err := s.Signups.SignUp(r.Context(), signupInput(slug, role, values))
	if fields := workflows.FieldErrors(err); fields != nil {
		s.metrics.signups.WithLabelValues(string(role), "invalid").Inc()
		s.renderSignupErrors(w, r, slug, role, values, fields)
		return
	}
	if err != nil {
		s.metrics.signups.WithLabelValues(string(role), workflows.KindOf(err).String()).Inc()
		s.fail(w, r, err)
		return
	}
	s.metrics.signups.WithLabelValues(string(role), "accepted").Inc()
	http.Redirect(w, r, checkEmailPath(slug), http.StatusSeeOther)
}

// renderSignupErrors answers 422 with the event page, the failed form open,
// its values kept and an error beside each field.
func (s *Server) renderSignupErrors(w http.ResponseWriter, r *http.Request, slug string, role workflows.Role, values, fields map[string]string) {
	v, err := s.eventView(r, slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form := &v.Student
	if role == workflows.RoleMentor {
		form = &v.Mentor
	}
	form.Values, form.Errors, form.Active = values, fields, true
	v.Page.Title = "Fix your answers · " + v.Page.Title
	s.render(w, r, http.StatusUnprocessableEntity, views.EventPage(v))
}

func signupInput(slug string, role workflows.Role, v map[string]string) workflows.SignupInput {
	return workflows.SignupInput{
		EventSlug: slug, Role: role,
		Name: v["name"], Email: v["email"], Company: v["company"], IRC: v["irc"], Timezone: v["timezone"],
		Project: v["project"], Experience: v["experience"], Goals: v["goals"],
		Projects: v["projects"], MaxMentees: v["max_mentees"], AcceptCoC: v["code_of_conduct"] == "yes",
	}
}

func checkEmailPath(slug string) string {
	return "/events/" + url.PathEscape(slug) + "/check-email"
}

func (s *Server) handleSignupCheckEmail(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	e, _, err := s.Events.Show(r.Context(), slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.CheckEmailPage(views.CheckEmailView{
		Page: s.page(r, "Check your email"), EventTitle: e.Title, EventSlug: e.Slug}))
}
