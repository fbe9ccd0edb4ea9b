package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"registrar/web/views"
	"registrar/workflows"
)

// handleAdminMessagesIndex is an event's reminders and messages page.
func (s *Server) handleAdminMessagesIndex(w http.ResponseWriter, r *http.Request) {
	s.renderMessages(w, r, http.StatusOK, messageForm{Roles: []string{"student"}, Statuses: []string{"accepted", "active"}}, "", nil)
}

// handleAdminMessageCreate stores a message and shows its preview; invalid
// input re-renders the page with the errors and what was typed.
func (s *Server) handleAdminMessageCreate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, err)
		return
	}
	f := messageForm{Roles: r.PostForm["role"], Statuses: r.PostForm["status"], Subject: r.PostForm.Get("subject"), Body: r.PostForm.Get("body")}
	slug := r.PathValue("slug")
	msg, err := s.Messages.Create(r.Context(), viewer(r), slug, workflows.MessageInput{Roles: f.Roles, Statuses: f.Statuses, Subject: f.Subject, Body: f.Body})
	if fields := workflows.FieldErrors(err); fields != nil {
		f.Errors = fields
		s.renderMessages(w, r, http.StatusUnprocessableEntity, f, "", nil)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, messagePath(slug, msg.ID), http.StatusSeeOther)
}

// messageForm is the message form as posted.
type messageForm struct {
	Roles, Statuses []string
	Subject, Body   string
	Errors          map[string]string
}

func (f messageForm) view(slug string) views.MessageForm {
	has := func(xs []string, x string) bool {
		for _, y := range xs {
			if y == x {
				return true
			}
		}
		return false
	}
	out := views.MessageForm{Action: "/admin/events/" + url.PathEscape(slug) + "/messages", Errors: map[string]string{},
		Subject: views.Field{ID: "message-subject", Name: "subject", Label: "Subject", Value: f.Subject, Error: f.Errors["subject"], Max: 200},
		Body: views.Field{ID: "message-body", Name: "body", Label: "Message", Value: f.Body, Error: f.Errors["body"], Rows: 8,
			Hint: "Plain text. A blank line starts a new paragraph."}}
	for _, role := range []string{"student", "mentor"} {
		out.Roles = append(out.Roles, views.CheckOption{Value: role, Label: strings.ToUpper(role[:1]) + role[1:] + "s", Checked: has(f.Roles, role)})
	}
	for _, st := range workflows.MessageStatuses() {
		out.Statuses = append(out.Statuses, views.CheckOption{Value: string(st), Label: st.Label(), Checked: has(f.Statuses, string(st))})
	}
	for field, id := range map[string]string{"roles": "message-roles", "statuses": "message-statuses", "subject": "message-subject", "body": "message-body"} {
		if f.Errors[field] != "" {
			out.Errors[id] = f.Errors[field]
		}
	}
	return out
}

// renderMessages renders the page; ruleErrors are the field errors of the
// rule ruleID when its form was refused.
func (s *Server) renderMessages(w http.ResponseWriter, r *http.Request, status int, f messageForm, ruleID string, ruleErrors map[string]string) {
	v, slug := viewer(r), r.PathValue("slug")
	o, err := s.Messages.Overview(r.Context(), v, slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := views.MessagesView{Page: s.page(r, "Emails of "+o.Event.Title), Nav: adminNav(v, "events"), Event: o.Event.Title,
		EventURL: "/admin/events/" + url.PathEscape(slug), Timezone: o.Event.Timezone, Form: f.view(slug)}
	for _, ro := range o.Rules {
		item := ruleItem(v, slug, ro)
		if ro.ID == ruleID {
			item.Errors = ruleErrors
		}
		page.Rules = append(page.Rules, item)
	}
	for _, m := range o.Messages {
		state := "draft"
		if !m.Sent.IsZero() {
			state = "sent " + when(v, m.Sent)
		}
		page.Messages = append(page.Messages, views.MessageItem{Subject: m.Subject, URL: messagePath(slug, m.ID),
			Created: when(v, m.Created), State: state, Recipients: m.Recipients})
	}
	for _, h := range o.History {
		n := 0
		for _, c := range h.Counts {
			n += c
		}
		page.History = append(page.History, views.HistoryRow{When: when(v, h.Created), What: fmt.Sprintf("%s: %s", h.Kind, h.Subject),
			Recipients: n, Delivered: h.Counts[workflows.SendDelivered], Failed: h.Counts[workflows.SendFailed],
			Complained: h.Counts[workflows.SendComplained], Skipped: h.Counts[workflows.SendSkipped]})
	}
	s.render(w, r, status, views.MessagesPage(page))
}

func messagePath(slug, id string) string {
	return "/admin/events/" + url.PathEscape(slug) + "/messages/" + url.PathEscape(id)
}
