package web

import "net/url"

// Form helpers shared by the sign-up, sign-in and event forms.

// honeypotField is hidden from people; bots that fill every field fill it.
const honeypotField = "website"

// formValues keeps the posted fields, made safe to show again.
func formValues(form url.Values, fields []string) map[string]string {
	out := make(map[string]string, len(fields))
	for _, f := range fields {
		out[f] = form.Get(f)
	}
	return out
}
