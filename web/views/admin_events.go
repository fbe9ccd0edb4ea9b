package views

import "slices"

// eventFields are the event form's fields in form order, filled with the
// form's values and errors. The slug is only asked when creating.
func eventFields(v EventFormView) []Field {
	fs := []Field{
		{ID: "event-title", Name: "title", Label: "Title", Max: 200,
			Hint: "As people see it, e.g. OpenStack Upstream Training, Berlin."},
		{ID: "event-slug", Name: "slug", Label: "Short name for the web address", Max: 64,
			Hint: "Lowercase letters, digits and hyphens, e.g. upstream-berlin-2026. It cannot change later."},
		{ID: "event-location", Name: "location", Label: "Location", Max: 200, Optional: true, Hint: "A city and venue, or Online."},
		{ID: "event-timezone", Name: "timezone", Label: "Time zone", Type: "select", Options: v.Timezones,
			Hint: "The dates and the sign-up window are in this zone."},
		{ID: "event-starts", Name: "starts", Label: "First day"},
		{ID: "event-ends", Name: "ends", Label: "Last day"},
		{ID: "event-student-capacity", Name: "student_capacity", Label: "Student seats", Type: "number", Min: "1", MaxValue: "10000"},
		{ID: "event-mentor-capacity", Name: "mentor_capacity", Label: "Mentor seats", Type: "number", Min: "0", MaxValue: "10000"},
		{ID: "event-opens-at", Name: "opens_at", Label: "Sign-up opens", Optional: true},
		{ID: "event-closes-at", Name: "closes_at", Label: "Sign-up closes", Optional: true},
	}
	if v.Editing {
		fs = slices.DeleteFunc(fs, func(f Field) bool { return f.Name == "slug" })
	}
	for i := range fs {
		fs[i].Value, fs[i].Error = v.Values[fs[i].Name], v.Errors[fs[i].Name]
	}
	return fs
}

func fieldOf(v EventFormView, name string) Field {
	for _, f := range eventFields(v) {
		if f.Name == name {
			return f
		}
	}
	return Field{ID: "event-" + name, Name: name, Label: name}
}
