package views

// PersonEditView is the organizers' form of a person's details.
type PersonEditView struct {
	Page      Page
	Nav       AdminNav
	Name      string // as stored, for the heading
	BackURL   string // the person's page
	Action    string
	Values    map[string]string // by field name, as typed
	Errors    map[string]string
	Timezones []string
}

// personFields are the form's fields in form order, with values and errors.
func personFields(v PersonEditView) []Field {
	fs := []Field{
		{ID: "person-name", Name: "name", Label: "Name", Type: "text", Max: 200, Auto: "off"},
		{ID: "person-email", Name: "email", Label: "Email address", Type: "email", Max: 254, Auto: "off",
			Hint: "Links already emailed to the old address stop working; send a new confirmation link from their page if one is awaited."},
		{ID: "person-company", Name: "company", Label: "Company or organization", Type: "text", Max: 200, Optional: true, Auto: "off"},
		{ID: "person-irc", Name: "irc", Label: "IRC or Matrix nick", Type: "text", Max: 64, Optional: true, Auto: "off"},
		{ID: "person-timezone", Name: "timezone", Label: "Time zone", Type: "select", Options: v.Timezones},
	}
	for i := range fs {
		fs[i].Value, fs[i].Error = v.Values[fs[i].Name], v.Errors[fs[i].Name]
	}
	return fs
}
