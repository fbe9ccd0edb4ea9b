package views

import (
	"strings"

	"github.com/a-h/templ"
)

func yesNo(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// slugID makes a heading ID from a title: letters and digits, hyphens between.
func slugID(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func doneLabel(s StepItem) string {
	switch {
	case s.Mentor && s.Done:
		return "Verify"
	case s.Mentor:
		return "Mark done and verify"
	}
	return "Mark as done"
}

// describedBy points the evidence input at its hint and error, when there are any.
func describedBy(s StepItem) templ.Attributes {
	var ids []string
	if s.Hint != "" {
		ids = append(ids, s.FieldID()+"-hint")
	}
	if s.Error != "" {
		ids = append(ids, s.FieldID()+"-error")
	}
	if len(ids) == 0 {
		return nil
	}
	return templ.Attributes{"aria-describedby": strings.Join(ids, " ")}
}
