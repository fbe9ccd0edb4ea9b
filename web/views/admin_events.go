package views

import "slices"

// maxContent is the most an event's page texts hold (workflows.MaxContentText).
const maxContent = 10000

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
		{ID: "event-description", Name: "description", Label: "Description", Type: "textarea", Optional: true, Rows: 8,
			Max: maxContent, Hint: "Plain text: a blank line starts a paragraph, and web addresses become links."},
		{ID: "event-agenda", Name: "agenda", Label: "Agenda", Type: "textarea", Optional: true, Rows: 6, Max: maxContent,
			Hint: "One line per slot reads well, e.g. 09:00 Welcome and accounts."},
		{ID: "event-venue", Name: "venue", Label: "Venue details", Type: "textarea", Optional: true, Max: maxContent,
			Hint: "The address, the room, how to get in, access for wheelchairs."},
		{ID: "event-prerequisites", Name: "prerequisites", Label: "Prerequisites", Type: "textarea", Optional: true, Max: maxContent,
			Hint: "What to bring or set up before the first day."},
		{ID: "event-contact-email", Name: "contact_email", Label: "Contact address", Type: "email", Optional: true, Max: maxEmail,
			Hint: "Where people write with questions; shown on the page and in emails."},
		{ID: "event-code-of-conduct", Name: "code_of_conduct", Label: "Code of conduct", Optional: true, Max: 2000,
			Hint: "A web address starting with https://. When set, sign-up asks people to accept it."},
	}
	if v.Editing {
		fs = slices.DeleteFunc(fs, func(f Field) bool { return f.Name == "slug" })
	}
	for i := range fs {
		fs[i].Value, fs[i].Error = v.Values[fs[i].Name], v.Errors[fs[i].Name]
		// A new event's zone starts as the organizer's own when timezone.js runs.
		fs[i].BrowserZone = fs[i].Name == "timezone" && !v.Editing && v.Errors == nil
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
