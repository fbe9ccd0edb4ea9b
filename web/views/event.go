package views

import (
	"net/url"
	"slices"
	"strconv"
)

// seatsText says how many seats are left in words; none left means new
// sign-ups join the waitlist.
func seatsText(n int) string {
	switch {
	case n <= 0:
		return "waitlist only"
	case n == 1:
		return "1 seat left"
	default:
		return strconv.Itoa(n) + " seats left"
	}
}

func seatsClass(n int) string {
	switch {
	case n <= 0:
		return "badge badge-waitlisted"
	case n <= 3:
		return "badge badge-active"
	default:
		return "badge badge-confirmed"
	}
}

func panelClass(f SignupForm) string {
	if f.Active {
		return "panel active"
	}
	return "panel"
}

// Maximum lengths, as workflows allows them (or shorter, where a longer
// answer makes no sense in that box).
const (
	maxName  = 200
	maxEmail = 254
	maxIRC   = 64
	maxText  = 4000
)

// commonFields are asked of students and mentors alike, in form order.
func commonFields(role string, zones []string) []Field {
	id := func(name string) string { return role + "-" + name }
	return []Field{
		{ID: id("name"), Name: "name", Label: "Full name", Type: "text", Max: maxName, Auto: "name"},
		{ID: id("email"), Name: "email", Label: "Email address", Type: "email", Max: maxEmail, Auto: "email",
			Hint: "We send a link here to confirm your place."},
		{ID: id("company"), Name: "company", Label: "Company or organisation", Type: "text", Max: maxName,
			Auto: "organization", Optional: true},
		{ID: id("irc"), Name: "irc", Label: "IRC / Matrix nick", Type: "text", Max: maxIRC, Auto: "nickname",
			Optional: true, Hint: "Where the community chats, if you are there already."},
		{ID: id("timezone"), Name: "timezone", Label: "Your time zone", Type: "select", Options: zones,
			Hint: "So your mentor can find a time that suits you both."},
	}
}

func studentFields(f SignupForm, zones []string) []Field {
	id := func(name string) string { return f.Role + "-" + name }
	return fill(f, withCoC(f, append(commonFields(f.Role, zones),
		Field{ID: id("project"), Name: "project", Label: "Project you would like to contribute to", Type: "text",
			Max: maxName, Optional: true, Hint: "For example Nova, Neutron or the documentation. Not sure yet? Leave it empty."},
		Field{ID: id("experience"), Name: "experience", Label: "Your experience", Type: "textarea", Max: maxText,
			Optional: true, Hint: "With git, Python and open source, in a few lines. Beginners are welcome."},
		Field{ID: id("goals"), Name: "goals", Label: "What you hope to achieve", Type: "textarea", Max: maxText,
			Optional: true},
	)))
}

func mentorFields(f SignupForm, zones []string) []Field {
	id := func(name string) string { return f.Role + "-" + name }
	return fill(f, withCoC(f, append(commonFields(f.Role, zones),
		Field{ID: id("projects"), Name: "projects", Label: "Projects you can mentor in", Type: "textarea",
			Max: maxText, Optional: true, Hint: "The projects where you review changes or know the code."},
		Field{ID: id("max_mentees"), Name: "max_mentees", Label: "How many mentees can you take?", Type: "number",
			Min: "1", MaxValue: "10", Hint: "From 1 to 10. Most mentors take 2."},
	)))
}

// withCoC asks, last, to accept the event's code of conduct when it has one.
func withCoC(f SignupForm, fields []Field) []Field {
	if f.CoCURL == "" {
		return fields
	}
	return append(fields, Field{ID: f.Role + "-coc", Name: "code_of_conduct", Label: "Code of conduct", Type: "checkbox"})
}

// fill puts the form's values and errors into its fields, and the defaults
// where nothing was typed.
func fill(f SignupForm, fields []Field) []Field {
	for i := range fields {
		fl := &fields[i]
		fl.Value = f.Values[fl.Name]
		fl.Error = f.Errors[fl.Name]
		switch {
		case fl.Name == "timezone":
			if fl.Value == "" {
				// Nothing chosen yet: UTC, or the browser's zone once
				// timezone.js runs.
				fl.Value, fl.BrowserZone = "UTC", fl.Error == ""
			}
			if len(fl.Options) == 0 || !slices.Contains(fl.Options, fl.Value) {
				// Keep what was posted visible and selectable, even if it is
				// not in the list: the error beside it says why.
				fl.Options = append([]string{fl.Value}, fl.Options...)
			}
		case fl.Name == "max_mentees" && fl.Value == "" && fl.Error == "":
			fl.Value = "2"
		}
	}
	return fields
}

// eventPath is an event's page; the slug is escaped so an odd one cannot
// change the path.
func eventPath(slug string) string { return "/events/" + url.PathEscape(slug) }

// fullTitle and fullText word the waitlist notice for the full roles.
func fullTitle(students, mentors bool) string {
	switch {
	case students && mentors:
		return "This event is full: new sign-ups join the waitlist"
	case students:
		return "The student seats are taken: new students join the waitlist"
	default:
		return "The mentor seats are taken: new mentors join the waitlist"
	}
}

func fullText(students, mentors bool) string {
	switch {
	case students && mentors:
		return "Every student and mentor seat is taken. You can still sign up: you join the waitlist."
	case students:
		return "Every student seat is taken. You can still sign up as a student: you join the waitlist."
	default:
		return "Every mentor seat is taken. You can still sign up as a mentor: you join the waitlist."
	}
}
