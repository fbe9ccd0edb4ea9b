package web

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// handleHealth answers 200 while the database answers, 503 otherwise, and
// says which integrations are on; no spreadsheet, board or domain, which
// are not public.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	body := struct {
		Status       string            `json:"status"`
		Database     string            `json:"database"`
		Integrations map[string]string `json:"integrations"` // name → "on" or "off", nothing more: this is public
	}{Status: "ok", Database: "ok", Integrations: map[string]string{}}
	for _, in := range s.Config.Integrations {
		body.Integrations[in.Name] = "off"
		if in.On {
			body.Integrations[in.Name] = "on"
		}
	}
	status := http.StatusOK
	if err := s.DB.Ping(ctx); err != nil {
		s.Log.WarnContext(r.Context(), "health check: database unavailable", "err", err)
		body.Status, body.Database, status = "unavailable", "unavailable", http.StatusServiceUnavailable
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
