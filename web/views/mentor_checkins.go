package views

// CheckInForm is the weekly check-in form of one pairing. IDs are prefixed
// so that several forms can share a page.
type CheckInForm struct {
	Action         string
	Prefix         string // unique per pairing on the page
	CurrentWeek    string
	Week           string
	Met            string // "yes", "no" or ""
	State          string
	Notes          string
	NextSteps      string
	NeedsOrganizer bool
	Errors         map[string]string // by field name
	Open           bool              // shown unfolded: due, or refused
	Updating       bool              // this week has a check-in: saving rewrites it
}

// ID is a field's ID on the page.
func (f CheckInForm) ID(field string) string { return f.Prefix + "-" + field }

// CheckInStates are the states a mentor chooses from, with their labels.
type CheckInState struct{ Value, Label, Hint string }

// MenteeCardView is one mentee on the mentor dashboard.
type MenteeCardView struct {
	PairingURL   string
	Name         string
	EventTitle   string
	Contact      ContactView
	Colour       string // green, amber, red
	ColourLabel  string
	Reason       string
	Done         int
	Total        int
	Week         string
	WeekDates    string // "30 Nov – 6 Dec 2026"
	ThisWeekDone bool
	Due          bool   // owed and not recorded; false in the week the pairing began
	ThisWeek     string // the state of this week's check-in, in words
	LastCheckIn  string // "1 week ago (23–29 Nov 2026)" or "None yet"
	Form         CheckInForm
}

// MentorDashboardView is GET /mentor.
type MentorDashboardView struct {
	Page          Page
	Areas         []AreaLink
	Tiles         []StatTile
	Mentees       []MenteeCardView
	Registrations []MyRegistrationItem
	States        []CheckInState
}

// CheckInRow is one week's check-in on the pairing page.
type CheckInRow struct {
	Week           string
	WeekDates      string // "1–7 Feb"
	State          string
	StateLabel     string
	Met            bool
	Notes          string
	NextSteps      string
	NeedsOrganizer bool
	Author         string
	Updated        string
}

// PairingView is GET /mentor/pairings/{id}.
type PairingView struct {
	Page     Page
	Areas    []AreaLink
	Card     MenteeCardView
	Mentor   ContactView
	CheckIns []CheckInRow
	Steps    []StepItem
	States   []CheckInState
	Ended    bool
}

func stateTone(s string) string {
	switch s {
	case "on_track":
		return "badge-ok"
	case "needs_help":
		return "badge-warn"
	case "blocked", "no_response":
		return "badge-bad"
	}
	return "badge-closed"
}

func colourTone(c string) string {
	switch c {
	case "amber":
		return "badge-warn"
	case "red":
		return "badge-bad"
	}
	return "badge-ok"
}

// prefixed keys a form's errors by field ID, as ErrorSummary wants.
func prefixed(f CheckInForm) map[string]string {
	out := make(map[string]string, len(f.Errors))
	for name, msg := range f.Errors {
		out[f.ID(name)] = msg
	}
	return out
}

func checkInOrder(f CheckInForm) []string {
	return []string{f.ID("met"), f.ID("state"), f.ID("notes"), f.ID("next_steps"), f.ID("week")}
}

// stateID gives the first state the field's ID, so the error summary links to it.
func stateID(f CheckInForm, i int, value string) string {
	if i == 0 {
		return f.ID("state")
	}
	return f.ID("state-" + value)
}
