package web

import (
	"net/http"
	"strings"

	"registrar/web/views"
	"registrar/workflows"
)

func personFormFields() []string { return []string{"name", "email", "company", "irc", "timezone"} }

func (s *Server) handleAdminPersonEdit(w http.ResponseWriter, r *http.Request) {
	rec, err := s.PeopleAdmin.Person(r.Context(), viewer(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in := workflows.PersonEditOf(rec.Person)
	values := map[string]string{"name": in.Name, "email": in.Email, "company": in.Company, "irc": in.IRC, "timezone": in.Timezone}
	s.renderPersonForm(w, r, http.StatusOK, rec.Person, values, nil)
}

// handleAdminPersonUpdate saves a person's details: 303 to their page, or
// 422 with the form as typed and an error beside each field.
func (s *Server) handleAdminPersonUpdate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, err)
		return
	}
	v, id, values := viewer(r), r.PathValue("id"), formValues(r.PostForm, personFormFields())
	changes, err := s.PeopleAdmin.EditPerson(r.Context(), v, id, workflows.PersonEdit{Name: values["name"],
		Email: values["email"], Company: values["company"], IRC: values["irc"], Timezone: values["timezone"]})
	if fields := workflows.FieldErrors(err); fields != nil {
		rec, err := s.PeopleAdmin.Person(r.Context(), v, id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.renderPersonForm(w, r, http.StatusUnprocessableEntity, rec.Person, values, fields)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	msg := "Nothing changed."
	if len(changes) > 0 {
		msg = "Saved: " + strings.Join(changes, "; ") + "."
	}
	s.flash(r, msg)
	http.Redirect(w, r, personPath(id), http.StatusSeeOther)
}

func (s *Server) renderPersonForm(w http.ResponseWriter, r *http.Request, status int, p workflows.Person, values, errs map[string]string) {
	page := views.PersonEditView{Page: s.page(r, "Edit "+p.Name), Nav: adminNav(viewer(r), "events"), Name: p.Name,
		BackURL: personPath(p.ID), Action: personPath(p.ID), Values: values, Errors: errs, Timezones: workflows.Timezones()}
	if errs != nil {
		page.Page.Title = "Fix the details · " + page.Page.Title
	}
	s.render(w, r, status, views.PersonEditPage(page))
}
