package web

import (
	"net/http"
	"strings"

	"registrar/web/views"
	"registrar/workflows"
)

// handlePreferencesShow lists the viewer's email categories, at
// /me/preferences or /mentor/preferences (the path it was asked at).
func (s *Server) handlePreferencesShow(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	items, err := s.Preferences.List(r.Context(), v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	home := strings.TrimSuffix(r.URL.Path, "/preferences")
	page := views.PreferencesView{Page: s.page(r, "Email preferences"), Areas: areas(v, home), Action: r.URL.Path}
	for _, it := range items {
		name := string(it.Category)
		page.Categories = append(page.Categories, views.PreferenceCategory{Name: name,
			Label: strings.ToUpper(name[:1]) + name[1:], Description: it.Description, On: it.On})
	}
	s.render(w, r, http.StatusOK, views.PreferencesPage(page))
}

// handlePreferencesUpdate saves the ticked categories; the others go off.
func (s *Server) handlePreferencesUpdate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, err)
		return
	}
	on := map[workflows.Category]bool{}
	for _, name := range r.PostForm["category"] {
		if c, ok := workflows.ParseCategory(name); ok {
			on[c] = true
		}
	}
	if err := s.Preferences.Set(r.Context(), viewer(r), on); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, "Your email preferences are saved.")
	http.Redirect(w, r, r.URL.Path, http.StatusSeeOther)
}
