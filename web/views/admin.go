package views

import "github.com/a-h/templ"

// current marks the link to the page being shown.
func current(on bool) templ.Attributes {
	if on {
		return templ.Attributes{"aria-current": "page", "class": "current"}
	}
	return templ.Attributes{}
}

// areaCurrent marks the header link of the area the page belongs to: the
// area, not necessarily this very page, so aria-current is "true".
func areaCurrent(on bool) templ.Attributes {
	if on {
		return templ.Attributes{"aria-current": "true"} // styled by the attribute: the link has its own class
	}
	return templ.Attributes{}
}

// toneClass is prefix-tone ("tile-warn"), or "" for the default tone.
func toneClass(prefix, tone string) string {
	if tone == "" {
		return ""
	}
	return prefix + "-" + tone
}

func loginTestID(outcome string) string {
	if outcome == "" {
		return "login"
	}
	return "login-" + outcome
}

func loginSummary(errs map[string]string) (map[string]string, []string) {
	return summary([]Field{{ID: "login-email", Name: "email", Label: "Email address"}}, errs)
}

func roleTitle(role string) string {
	if role == "mentor" {
		return "Mentor"
	}
	return "Student"
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func tries(n int) string {
	if n == 1 {
		return "1 try"
	}
	return itoa(n) + " tries"
}

// listSeparator joins the i-th of n words into a sentence list: "A, B and C".
func listSeparator(i, n int) string {
	if i == n-1 {
		return " and "
	}
	return ", "
}

// sentenceEnd closes a sentence after its last listed word.
func sentenceEnd(i, n int) string {
	if i == n-1 {
		return "."
	}
	return ""
}
