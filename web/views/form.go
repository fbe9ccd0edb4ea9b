package views

import (
	"slices"
	"strconv"
	"strings"

	"github.com/a-h/templ"
)

func itoa(n int) string { return strconv.Itoa(n) }

func fieldClass(f Field) string {
	if f.Error != "" {
		return "field has-error"
	}
	return "field"
}

// inputType keeps TextField to the one-line types it is meant for.
func inputType(f Field) string {
	if f.Type == "email" {
		return "email"
	}
	return "text"
}

func rows(f Field) int {
	if f.Rows > 0 {
		return f.Rows
	}
	return 4
}

// controlAttrs are the ARIA attributes every control shares: required,
// invalid, and the hint and error read out after the label.
func controlAttrs(f Field) templ.Attributes {
	a := templ.Attributes{}
	if !f.Optional {
		a["aria-required"] = "true"
	}
	if f.Error != "" {
		a["aria-invalid"] = "true"
	}
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.ID+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.ID+"-error")
	}
	if len(ids) > 0 {
		a["aria-describedby"] = strings.Join(ids, " ")
	}
	return a
}

// unordered returns the IDs in errors that order does not list, sorted so
// the page is the same on every render.
func unordered(errors map[string]string, order []string) []string {
	var rest []string
	for id, msg := range errors {
		if msg != "" && !slices.Contains(order, id) {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	return rest
}

// summary turns a form's fields into ErrorSummary's arguments: messages keyed
// by field ID, led by the label so each one makes sense on its own, and the
// IDs in form order. Errors for names no field has (a rule about the whole
// form) are kept under their name so they are still shown.
func summary(fields []Field, errs map[string]string) (map[string]string, []string) {
	byID := make(map[string]string, len(errs))
	order := make([]string, 0, len(fields))
	known := make(map[string]bool, len(fields))
	for _, f := range fields {
		order = append(order, f.ID)
		known[f.Name] = true
		if msg := errs[f.Name]; msg != "" {
			sep := ": "
			if strings.HasSuffix(f.Label, "?") {
				sep = " " // "How many mentees can you take? Enter a number…"
			}
			byID[f.ID] = f.Label + sep + msg
		}
	}
	for name, msg := range errs {
		if !known[name] && msg != "" {
			byID[name] = msg
		}
	}
	return byID, order
}
