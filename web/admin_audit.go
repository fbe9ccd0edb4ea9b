package web

import (
	"net/http"
	"net/url"

	"registrar/web/views"
	"registrar/workflows"
)

// handleAdminAuditIndex shows a page of the audit log, filtered by the
// query: event (a slug), actor (a kind of actor or a person's ID), action,
// sign_ins=1 to show sign-ins, and after or before (entry IDs) for paging.
func (s *Server) handleAdminAuditIndex(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	q := auditQuery(r.URL.Query())
	log, err := s.AuditTrail.Log(r.Context(), v, q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.AuditPage(s.auditView(r, v, q, log)))
}

func auditQuery(u url.Values) workflows.AuditQuery {
	q := workflows.AuditQuery{EventSlug: u.Get("event"), Action: workflows.AuditAction(u.Get("action")),
		SignIns: u.Get("sign_ins") != "", After: u.Get("after"), Before: u.Get("before")}
	if actor := workflows.AuditActorKind(u.Get("actor")); actor != "" {
		q.ActorKind = actor
		if actorKindLabel(actor) == "" { // not a kind: a person
			q.ActorKind, q.ActorID = "", string(actor)
		}
	}
	return q
}

// filterValues is q as query parameters, paging aside.
func filterValues(q workflows.AuditQuery) url.Values {
	u := url.Values{}
	for k, v := range map[string]string{"event": q.EventSlug, "actor": string(q.ActorKind) + q.ActorID, "action": string(q.Action)} {
		if v != "" {
			u.Set(k, v)
		}
	}
	if q.SignIns {
		u.Set("sign_ins", "1")
	}
	return u
}

func (s *Server) auditView(r *http.Request, v workflows.Viewer, q workflows.AuditQuery, log workflows.AuditLog) views.AuditView {
	filters := filterValues(q)
	page := views.AuditView{Page: s.page(r, "Audit log"), Nav: adminNav(v, "audit"), SignIns: q.SignIns, Filtered: len(filters) > 0,
		Events: []views.Option{{Value: "", Label: "Any event"}}, Actors: actorOptions(q, log), Actions: actionOptions(q.Action)}
	for _, e := range log.Events {
		page.Events = append(page.Events, views.Option{Value: e.Slug, Label: e.Title, Selected: e.Slug == q.EventSlug})
	}
	for _, a := range log.Entries {
		page.Rows = append(page.Rows, auditRow(v, a))
	}
	at := func(key, id string) string {
		u := filterValues(q)
		u.Set(key, id)
		return pageURL("/admin/audit", u)
	}
	if q.After != "" || q.Before != "" {
		page.NewestURL = pageURL("/admin/audit", filters)
	}
	if log.Newer != "" {
		page.NewerURL = at("before", log.Newer)
	}
	if log.Older != "" {
		page.OlderURL = at("after", log.Older)
	}
	return page
}
