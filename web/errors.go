package web

import (
	"errors"
	"math"
	"net/http"
	"strconv"

	"registrar/web/views"
	"registrar/workflows"
)

// statusByKind is the one place an error kind becomes an HTTP status.
var statusByKind = map[workflows.Kind]int{
	workflows.Invalid:     http.StatusUnprocessableEntity,
	workflows.NotFound:    http.StatusNotFound,
	workflows.Conflict:    http.StatusConflict,
	workflows.Forbidden:   http.StatusForbidden,
	workflows.Unavailable: http.StatusServiceUnavailable,
	workflows.Gone:        http.StatusGone,
	workflows.TooMany:     http.StatusTooManyRequests,
} // anything else, Internal included, is 500

var headingByStatus = map[int]string{
	http.StatusBadRequest:            "We could not read that",
	http.StatusForbidden:             "Not allowed",
	http.StatusNotFound:              "Page not found",
	http.StatusConflict:              "That cannot be done now",
	http.StatusGone:                  "No longer available",
	http.StatusRequestEntityTooLarge: "That was too much",
	http.StatusUnprocessableEntity:   "Some answers need fixing",
	http.StatusTooManyRequests:       "Too many tries",
	http.StatusServiceUnavailable:    "Try again soon",
	http.StatusInternalServerError:   "Something went wrong",
}

// fail renders err as a page with its status; only server errors are logged,
// and their details never reach the page.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, ok := statusByKind[workflows.KindOf(err)]
	if !ok {
		status = http.StatusInternalServerError
	}
	msg := workflows.MessageOf(err)
	if d := workflows.RetryAfterOf(err); d > 0 && status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(d.Seconds()))))
	}
	if status >= 500 {
		msg = ""
		// The client went away (closed the tab, timed out): nobody reads
		// the answer, and what failed after that failed because of it: a
		// cancelled query, or on PostgreSQL "bad connection" from the
		// connection the driver closes under a cancelled query.
		if r.Context().Err() != nil {
			s.Log.InfoContext(r.Context(), "request abandoned by the client", "err", err, "method", r.Method)
			return
		}
		s.Log.ErrorContext(r.Context(), "request failed", "err", err, "method", r.Method)
	}
	s.message(w, r, status, msg)
}

// message renders a plain page for status with body (a default when empty).
func (s *Server) message(w http.ResponseWriter, r *http.Request, status int, body string) {
	if body == "" {
		body = defaultBody(status)
	}
	heading := headingByStatus[status]
	if heading == "" {
		heading = http.StatusText(status)
	}
	s.render(w, r, status, views.MessagePage(views.MessageView{Page: s.page(r, heading), Status: status, Heading: heading, Body: body}))
}

func defaultBody(status int) string {
	switch status {
	case http.StatusNotFound:
		return "There is nothing at this address. Check the link, or start from the list of events."
	case http.StatusForbidden:
		return "This request was refused. If you followed a link from another site, open Registrar directly and try again."
	case http.StatusRequestEntityTooLarge:
		return "The form was larger than we accept (64 KiB). Shorten your answers and send it again."
	case http.StatusTooManyRequests:
		return "Too many forms were sent from your network in a short time. Wait a minute, then send it again."
	case http.StatusBadRequest:
		return "The form could not be read. Go back, check it and send it again."
	case http.StatusServiceUnavailable:
		return "A service we depend on is unavailable. Nothing was lost: try again in a minute."
	default:
		return "Something went wrong on our side. Nothing you did caused it; please try again in a minute."
	}
}

// badRequest answers a form that could not be read: 413 when over the cap.
func (s *Server) badRequest(w http.ResponseWriter, r *http.Request, err error) {
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		s.message(w, r, http.StatusRequestEntityTooLarge, "")
		return
	}
	s.message(w, r, http.StatusBadRequest, "")
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.message(w, r, http.StatusNotFound, "")
}
