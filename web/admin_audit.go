package web

import (
	"net/http"

	"registrar/web/views"
	"registrar/workflows"
)

func (s *Server) handleAdminAuditIndex(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	entries, err := s.AuditTrail.Entries(r.Context(), v, workflows.AuditFilter{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := views.AuditView{Page: s.page(r, "Audit log"), Nav: adminNav(v, "audit")}
	for _, a := range entries {
		page.Rows = append(page.Rows, auditRow(v, a))
	}
	s.render(w, r, http.StatusOK, views.AuditPage(page))
}
