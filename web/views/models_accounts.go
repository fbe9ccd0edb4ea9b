package views

// LoginView is the sign-in form, and the page a sign-in link that no longer
// works lands on (Outcome set).
type LoginView struct {
	Page    Page
	Email   string
	Next    string // where to go after signing in, a local path
	Errors  map[string]string
	Outcome string // "", or "used", "expired", "invalid" for a link that did not work
	Action  string // for a usable link: its own path, which the "Sign me in" button posts to
	Minutes int    // how long a link works
	// SignedInAs and Home are set when someone is signed in already.
	SignedInAs string
	Home       string
}

// LoginSentView follows every sign-in request, known address or not.
type LoginSentView struct {
	Page    Page
	Minutes int // how long a link works
}

// AreaLink is one of the signed-in person's areas: organizer, mentor, student.
type AreaLink struct {
	Label   string
	Href    string
	Current bool
}

// MyRegistrationItem is one of the viewer's own registrations.
type MyRegistrationItem struct {
	ID          string
	EventTitle  string
	EventURL    string // the public event page
	Dates       string
	Location    string
	Role        string
	Status      string
	StatusLabel string // the status in plain words, with the place in line
	StatusText  string // what the status means for them, in a sentence
	Place       int    // place on the waitlist, 0 when not waitlisted
	// students
	WithdrawAction string // POST target; "" when they cannot withdraw
	// ResendAction sends a new confirmation link; "" unless awaiting confirmation.
	ResendAction string
	// mentors
	MentorURL  string // /mentor/events/{slug}
	Projects   string
	MaxMentees int
}

// MyPageView is a student's (/me) or a mentor's (/mentor) own page.
type MyPageView struct {
	Page          Page
	Areas         []AreaLink
	Role          string // "student" or "mentor"
	Registrations []MyRegistrationItem
	Checklists    []ChecklistView // a student's paired registrations
}

// MentorEventView is a mentor's page for one event.
type MentorEventView struct {
	Page         Page
	Areas        []AreaLink
	Registration MyRegistrationItem
}
