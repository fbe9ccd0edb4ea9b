package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"registrar/web/views"
	"registrar/workflows"
)

// handleAdminMessageShow is a message's preview: its audience now and how
// it reads, with the send button.
func (s *Server) handleAdminMessageShow(w http.ResponseWriter, r *http.Request) {
	p, err := s.Messages.Preview(r.Context(), viewer(r), r.PathValue("slug"), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reason := ""
	if p.Changed && p.Message.Sent.IsZero() {
		reason = "The audience changed since this message was written. Check the people below: sending now sends to them."
	}
	s.render(w, r, http.StatusOK, views.MessagePreviewPage(s.previewView(r, p, reason)))
}

// handleAdminMessagePreviewHTML is the message's HTML part as its first
// recipient gets it, sandboxed.
func (s *Server) handleAdminMessagePreviewHTML(w http.ResponseWriter, r *http.Request) {
	p, err := s.Messages.Preview(r.Context(), viewer(r), r.PathValue("slug"), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeMailHTML(w, p.Content.HTML)
}

// handleAdminMessageSend sends to the audience the preview showed. If it
// changed since, nothing is sent: 409 and the preview again, with the new
// audience and the reason.
func (s *Server) handleAdminMessageSend(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, err)
		return
	}
	slug, id := r.PathValue("slug"), r.PathValue("id")
	p, err := s.Messages.Send(r.Context(), viewer(r), slug, id, r.PostForm.Get("audience"))
	if workflows.KindOf(err) == workflows.Conflict && p.Message.ID != "" {
		s.render(w, r, http.StatusConflict, views.MessagePreviewPage(s.previewView(r, p, workflows.MessageOf(err))))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, "Your message is on its way to "+strconv.Itoa(len(p.Audience))+" people.")
	http.Redirect(w, r, "/admin/events/"+url.PathEscape(slug)+"/messages", http.StatusSeeOther)
}

// handleAdminMessageTest sends the message to the organizer alone.
func (s *Server) handleAdminMessageTest(w http.ResponseWriter, r *http.Request) {
	slug, id := r.PathValue("slug"), r.PathValue("id")
	if err := s.Messages.SendTest(r.Context(), viewer(r), slug, id); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, "A copy is on its way to your address.")
	http.Redirect(w, r, messagePath(slug, id), http.StatusSeeOther)
}

func (s *Server) previewView(r *http.Request, p workflows.MessagePreview, reason string) views.MessagePreviewView {
	v, slug := viewer(r), r.PathValue("slug")
	path := messagePath(slug, p.Message.ID)
	out := views.MessagePreviewView{Page: s.page(r, "Preview: "+p.Message.Subject), Nav: adminNav(v, "events"), Event: p.Event.Title,
		BackURL: "/admin/events/" + url.PathEscape(slug) + "/messages", Subject: p.Message.Subject, Audience: audienceText(p.Message),
		Count: len(p.Audience), Changed: p.Changed, Reason: reason, Hash: p.Hash, SendAction: path + "/send", TestAction: path + "/test",
		PreviewURL: path + "/preview.html", RenderSubject: p.Content.Subject, RenderText: p.Content.Text}
	if !p.Message.Sent.IsZero() {
		out.Sent = when(v, p.Message.Sent)
	}
	for _, a := range p.Audience {
		out.Recipients = append(out.Recipients, a.Name+" <"+a.Email+">")
	}
	return out
}

func audienceText(m workflows.CohortMessage) string {
	var roles, statuses []string
	for _, r := range m.Roles {
		roles = append(roles, string(r)+"s")
	}
	for _, s := range m.Statuses {
		statuses = append(statuses, "“"+s.Label()+"”")
	}
	return strings.Join(roles, " and ") + " whose status is " + strings.Join(statuses, " or ")
}
