package web

import (
	"encoding/csv"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"

	"registrar/workflows"
)

// csvHeader names every column of the registrations download.
func csvHeader() []string {
	return []string{"registration_id", "event", "event_title", "role", "status", "status_label", "waitlist_place",
		"name", "email", "company", "irc", "timezone",
		"project", "experience", "goals", "projects", "max_mentees",
		"signed_up_at", "confirmed_at", "updated_at", "withdraw_reason", "person_id"}
}

// csvFlushEvery is how many rows are written between flushes: the download
// streams, holding a few rows in memory whatever the event's size.
const csvFlushEvery = 256

// handleAdminRegistrationsCSV downloads every registration of an event with
// every field, in UTF-8, streaming rows as they are read. Cells a
// spreadsheet would run as a formula are neutralised. ?for=excel is the
// variant Excel reads as UTF-8 (it takes a file without a byte-order mark for
// the local code page, so "José Müller-Øster" came out garbled): a BOM first
// and CRLF line ends.
func (s *Server) handleAdminRegistrationsCSV(w http.ResponseWriter, r *http.Request) {
	export, err := s.Reviews.ExportRegistrations(r.Context(), viewer(r), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	excel, name := r.URL.Query().Get("for") == "excel", export.Event.Slug+"-registrations.csv"
	if excel {
		name = export.Event.Slug + "-registrations-excel.csv"
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	if excel {
		_, _ = w.Write([]byte("\ufeff"))
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = excel
	_ = cw.Write(csvHeader())
	flush := func() error {
		if cw.Flush(); cw.Error() != nil {
			return cw.Error()
		}
		if err := http.NewResponseController(w).Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return err
		}
		return nil
	}
	n := 0
	for row, err := range export.Rows {
		if err != nil {
			// The status went with the first rows: cut the connection, so the
			// browser reports a failed download rather than a short file.
			s.Log.ErrorContext(r.Context(), "read registrations for csv", "err", err, "event", export.Event.ID, "rows", n)
			panic(http.ErrAbortHandler)
		}
		_ = cw.Write(csvRecord(row.RegistrationDetail, row.Place))
		if n++; n%csvFlushEvery == 0 {
			if err := flush(); err != nil { // the client went away
				s.Log.WarnContext(r.Context(), "write registrations csv", "err", err, "event", export.Event.ID, "rows", n)
				return
			}
		}
	}
	if err := flush(); err != nil {
		s.Log.WarnContext(r.Context(), "write registrations csv", "err", err, "event", export.Event.ID)
	}
}

func csvRecord(reg workflows.RegistrationDetail, place int) []string {
	stamp := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	number := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	p, a := reg.Person, reg.Answers
	rec := []string{reg.ID, reg.Event.Slug, reg.Event.Title, string(reg.Role), string(reg.Status), reg.Status.PlaceLabel(place), number(place),
		p.Name, p.Email, p.Company, p.IRC, p.Timezone,
		a.Project, a.Experience, a.Goals, a.Projects, number(a.MaxMentees),
		stamp(reg.Created), stamp(reg.Confirmed), stamp(reg.Updated), reg.WithdrawReason, reg.PersonID}
	for i, cell := range rec {
		rec[i] = neutralizeCell(cell)
	}
	return rec
}

// neutralizeCell stops a spreadsheet from reading a cell as a formula
// (CSV injection): a cell whose first character other than white space is
// = + - or @, or that starts with a tab, CR or LF, gets a leading
// apostrophe, which spreadsheets show as text. Spreadsheets skip leading
// spaces and line breaks before a formula, so looking at s[0] is not enough.
func neutralizeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '\t', '\r', '\n':
		return "'" + s
	}
	if t := strings.TrimLeftFunc(s, unicode.IsSpace); t != "" && strings.ContainsRune("=+-@", rune(t[0])) {
		return "'" + s
	}
	return s
}
