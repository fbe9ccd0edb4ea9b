package web

import (
	"bytes"
	"net/http"

	"github.com/a-h/templ"

	"registrar/web/views"
)

// render writes c with status. It renders to a buffer first, so a template
// error becomes a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		if r.Context().Err() != nil {
			return // the client went away: nobody reads the page
		}
		s.Log.ErrorContext(r.Context(), "render page", "err", err)
		http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// page fills the layout's common fields: the signed-in person and the
// flash notice left by the previous request, when the route has a session.
func (s *Server) page(r *http.Request, title string) views.Page {
	p := views.Page{Title: title, CSSURL: s.Assets.Path("app.css"), IconURL: s.Assets.Path("favicon.svg"), DevMailbox: s.Mailbox != nil}
	if !hasSession(r) {
		return p
	}
	if v := viewer(r); v.SignedIn() {
		p.User = &views.User{Name: v.Name, Email: v.Email, Organizer: v.Organizer, Mentor: v.Mentor, Student: v.Student}
		p.Areas = areas(v, areaOf(r.URL.Path))
	}
	p.Flash = s.Sessions.PopString(r.Context(), keyFlash)
	return p
}
