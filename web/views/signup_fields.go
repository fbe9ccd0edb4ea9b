package views

import "strconv"

// seatsText says how many seats are left in words.
func seatsText(n int) string {
	switch n {
	case 0:
		return "Full: waitlist only"
	case 1:
		return "1 seat left"
	default:
		return strconv.Itoa(n) + " seats left"
	}
}

func panelClass(f SignupForm) string {
	if f.Active {
		return "panel active"
	}
	return "panel"
}

// commonFields are asked of students and mentors alike, in form order.
func commonFields(f SignupForm, zones []string) []Field {
	id := func(name string) string { return f.Role + "-" + name }
	return []Field{
		{ID: id("name"), Name: "name", Label: "Full name", Type: "text", Max: 200, Auto: "name"},
		{ID: id("email"), Name: "email", Label: "Email address", Type: "email", Max: 254, Auto: "email",
			Hint: "We send a link to confirm your place here."},
		{ID: id("company"), Name: "company", Label: "Company or organisation", Type: "text", Max: 200, Auto: "organization", Optional: true},
		{ID: id("irc"), Name: "irc", Label: "IRC or Matrix nick", Type: "text", Max: 64, Optional: true, Auto: "nickname"},
		{ID: id("timezone"), Name: "timezone", Label: "Your time zone", Type: "select", Options: zones,
			Hint: "So your mentor can find a time that suits you both."},
	}
}

func studentFields(f SignupForm, zones []string) []Field {
	id := func(name string) string { return f.Role + "-" + name }
	return fill(f, append(commonFields(f, zones),
		Field{ID: id("project"), Name: "project", Label: "Project you would like to contribute to", Type: "text", Max: 4000, Optional: true,
			Hint: "For example Nova, Neutron or documentation. Not sure yet? Leave it empty."},
		Field{ID: id("experience"), Name: "experience", Label: "Your experience", Type: "textarea", Max: 4000, Optional: true,
			Hint: "With git, Python and open source, in a few lines."},
		Field{ID: id("goals"), Name: "goals", Label: "What you hope to achieve", Type: "textarea", Max: 4000, Optional: true},
	))
}

func mentorFields(f SignupForm, zones []string) []Field {
	id := func(name string) string { return f.Role + "-" + name }
	return fill(f, append(commonFields(f, zones),
		Field{ID: id("projects"), Name: "projects", Label: "Projects you can mentor in", Type: "textarea", Max: 4000, Optional: true},
		Field{ID: id("max_mentees"), Name: "max_mentees", Label: "How many mentees can you take?", Type: "number", Min: "1", MaxValue: "10",
			Hint: "From 1 to 10."},
	))
}

// fill puts the form's values and errors into its fields.
func fill(f SignupForm, fields []Field) []Field {
	for i := range fields {
		fields[i].Value = f.Values[fields[i].Name]
		fields[i].Error = f.Errors[fields[i].Name]
	}
	return fields
}
