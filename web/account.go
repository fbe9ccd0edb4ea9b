package web

import (
	"net/http"

	"registrar/web/views"
	"registrar/workflows"
)

func (s *Server) handleAccountShow(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	s.render(w, r, http.StatusOK, views.AccountPage(views.AccountView{Page: s.page(r, "Your name"),
		Name: v.Name, Email: v.Email, Errors: map[string]string{}}))
}

func (s *Server) handleAccountUpdate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, err)
		return
	}
	v, name := viewer(r), r.PostForm.Get("name")
	err := s.Accounts.SetName(r.Context(), v, name)
	if fields := workflows.FieldErrors(err); fields != nil {
		s.render(w, r, http.StatusUnprocessableEntity, views.AccountPage(views.AccountView{
			Page: s.page(r, "Error: Your name"), Name: name, Email: v.Email, Errors: fields}))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, "Your name is saved.")
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}
