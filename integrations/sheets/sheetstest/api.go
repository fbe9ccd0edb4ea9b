package sheetstest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// apiError is a Google API error answer.
type apiError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Status  string `json:"status"`
}

func invalid(format string, args ...any) *apiError {
	return &apiError{Code: http.StatusBadRequest, Message: fmt.Sprintf(format, args...), Status: "INVALID_ARGUMENT"}
}

// handler applies one request to the state, under s.mu.
type handler func(body []byte) (any, *apiError)

// route finds the operation, applies faults around it and answers.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	op, h, aerr := s.match(r)
	if aerr != nil {
		writeJSON(w, aerr.Code, map[string]any{"error": aerr})
		return
	}
	s.mu.Lock()
	s.auth = r.Header.Get("Authorization")
	s.mu.Unlock()
	if !s.allow(r, op) {
		fail(w, http.StatusTooManyRequests)
		return
	}
	s.Handle(w, r, op, func() func(http.ResponseWriter) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return func(http.ResponseWriter) {} // the client is gone
		}
		s.mu.Lock()
		s.caller = r.Header.Get(s.callerHeader)
		resp, aerr := h(body)
		s.mu.Unlock()
		return func(w http.ResponseWriter) {
			if aerr != nil {
				writeJSON(w, aerr.Code, map[string]any{"error": aerr})
				return
			}
			writeJSON(w, http.StatusOK, resp)
		}
	})
}

// fail answers an injected failure as Google does.
func fail(w http.ResponseWriter, status int) {
	e := apiError{500, "Internal error encountered.", "INTERNAL"}
	switch status {
	case http.StatusServiceUnavailable:
		e = apiError{503, "The service is currently unavailable.", "UNAVAILABLE"}
	case http.StatusTooManyRequests:
		e = apiError{429, "Quota exceeded.", "RESOURCE_EXHAUSTED"}
	}
	writeJSON(w, status, map[string]any{"error": e})
}

// match maps a request to its operation: the spreadsheet path is
// /v4/spreadsheets/{id}[:verb] or /v4/spreadsheets/{id}/values[:verb] or
// /v4/spreadsheets/{id}/values/{range}[:append], with the range escaped.
func (s *Server) match(r *http.Request) (string, handler, *apiError) {
	rest, ok := strings.CutPrefix(r.URL.EscapedPath(), "/v4/spreadsheets/")
	if !ok {
		return "", nil, &apiError{404, "Not found: " + r.URL.Path, "NOT_FOUND"}
	}
	segs := strings.Split(rest, "/")
	id, verb, _ := strings.Cut(segs[0], ":")
	if id, _ = url.PathUnescape(id); id != SpreadsheetID {
		return "", nil, &apiError{404, "Requested entity was not found.", "NOT_FOUND"}
	}
	q := r.URL.Query()
	switch {
	case len(segs) == 1 && verb == "" && r.Method == http.MethodGet:
		return "spreadsheets.get", func([]byte) (any, *apiError) { return s.getSpreadsheet(), nil }, nil
	case len(segs) == 1 && verb == "batchUpdate" && r.Method == http.MethodPost:
		return "spreadsheets.batchUpdate", s.batchUpdate, nil
	case len(segs) == 2 && segs[1] == "values:batchGet" && r.Method == http.MethodGet:
		return "values.batchGet", func([]byte) (any, *apiError) { return s.batchGet(q["ranges"], q.Get("majorDimension")) }, nil
	case len(segs) == 2 && segs[1] == "values:batchUpdate" && r.Method == http.MethodPost:
		return "values.batchUpdate", s.batchUpdateValues, nil
	case len(segs) == 3 && segs[1] == "values":
		escaped, isAppend := strings.CutSuffix(segs[2], ":append")
		rng, err := url.PathUnescape(escaped)
		if err != nil {
			return "", nil, invalid("bad range: %v", err)
		}
		switch {
		case isAppend && r.Method == http.MethodPost:
			return "values.append", func(b []byte) (any, *apiError) {
				return s.appendValues(rng, q.Get("valueInputOption"), q.Get("insertDataOption"), b)
			}, nil
		case !isAppend && r.Method == http.MethodGet:
			return "values.get", func([]byte) (any, *apiError) { return s.getValues(rng, q.Get("majorDimension")) }, nil
		case !isAppend && r.Method == http.MethodPut:
			return "values.update", func(b []byte) (any, *apiError) { return s.updateValues(rng, q.Get("valueInputOption"), b) }, nil
		}
	}
	return "", nil, &apiError{404, "The fake does not serve " + r.Method + " " + r.URL.Path, "NOT_FOUND"}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
