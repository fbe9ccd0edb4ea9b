package views

// StepRowForm is one step on the organizers' steps form.
type StepRowForm struct {
	Key       string
	Position  string
	Title     string
	DocURL    string
	Evidence  string
	Optional  bool
	Agreement bool // the contribution-agreement step: its title follows the agreement
	Errors    map[string]string
}

// ID is the ID of one of the row's fields.
func (r StepRowForm) ID(field string) string { return field + "." + r.Key }

// AdminStepsView is GET /admin/events/{slug}/steps.
type AdminStepsView struct {
	Page       Page
	Nav        AdminNav
	EventTitle string
	EventURL   string
	Action     string
	Rows       []StepRowForm
	Agreement  string // "" when the event has no contribution-agreement step
	Evidence   []Option
	Agreements []Option
	New        StepRowForm // the add form's values
	NewDesc    string
	Errors     map[string]string // every error, by field ID, for the summaries
	Adding     bool              // the refused post was the add form
}

// stepOrder lists the form's field IDs top to bottom, for the error summary.
func stepOrder(v AdminStepsView) []string {
	out := []string{"agreement"}
	for _, r := range v.Rows {
		out = append(out, r.ID("position"), r.ID("title"), r.ID("doc_url"), r.ID("evidence"))
	}
	return out
}
