// Package views holds every HTML page as a templ component, with the view
// models the handlers fill. Components never call services.
package views

// Page is what every page's layout needs; handlers fill it once.
type Page struct {
	Title       string
	Description string
	CSSURL      string // content-hashed stylesheet URL
	IconURL     string // content-hashed favicon URL
	ScriptURL   string // content-hashed script loaded with defer; "" for none
	User        *User  // signed-in person, nil when anonymous
	Flash       string
	DevMailbox  bool // email goes to the dev mailbox: show a link to it
	// Areas are the signed-in person's places (Organizer, Mentoring, My
	// registrations), shown in the header on every page, the current one marked.
	Areas []AreaLink
}

// User is the signed-in person as the header shows them.
type User struct {
	Name      string
	Email     string
	Organizer bool
	Mentor    bool
	Student   bool
}

// EventCard is one event in the list of open events.
type EventCard struct {
	Slug         string
	Title        string
	Dates        string // e.g. "4–6 May 2026"
	Location     string
	Timezone     string
	StudentsLeft int // seats left; 0 means the waitlist
	MentorsLeft  int
	ClosesOn     string
}

// HomeView lists events open for sign-up.
type HomeView struct {
	Page   Page
	Events []EventCard
}

// SignupForm is one of the two sign-up forms on an event page, with the values
// typed so far and a message per field that failed.
type SignupForm struct {
	Role   string // "student" or "mentor"
	Action string // e.g. /events/upstream-2026/students
	Values map[string]string
	Errors map[string]string
	Active bool   // this form was submitted and failed: open it and show its errors
	CoCURL string // the event's code of conduct, which sign-up must accept; "" for none
	Full   bool   // no seat left for this role: a sign-up joins the waitlist
}

// EventView is an event's page with its sign-up forms.
type EventView struct {
	Page         Page
	Event        EventCard
	Open         bool // sign-up open; when false, ClosedReason explains
	ClosedReason string
	Student      SignupForm
	Mentor       SignupForm
	Timezones    []string // IANA zones for the select
	Content      EventContent
	Privacy      []DataPlace // where sign-up data goes, Registrar first
}

// EventContent is what organizers wrote for an event's page; the long texts
// are plain text (paragraphs, bare links), each section shown only when set.
type EventContent struct {
	Description, Agenda, Venue, Prerequisites string
	ContactEmail                              string
	CodeOfConduct                             string // an https URL
}

// DataPlace is one place a sign-up's data goes, for the privacy notice.
type DataPlace struct {
	Name string // e.g. "Google Sheets"
	What string // what it gets and why
}

// CheckEmailView is shown after a sign-up: it never says whether the address
// was already registered.
type CheckEmailView struct {
	Page       Page
	EventTitle string
	EventSlug  string
}

// ConfirmOutcome is what following a confirmation link did.
type ConfirmOutcome string

const (
	ConfirmConfirmed  ConfirmOutcome = "confirmed"
	ConfirmWaitlisted ConfirmOutcome = "waitlisted"
	ConfirmAlready    ConfirmOutcome = "already" // link used before
	ConfirmInvalid    ConfirmOutcome = "invalid" // unknown or expired link
	ConfirmReady      ConfirmOutcome = "ready"   // usable: the page shows the button
)

// ConfirmView is the page a confirmation link lands on.
type ConfirmView struct {
	Page       Page
	Outcome    ConfirmOutcome
	EventTitle string
	EventSlug  string
	Role       string
	Action     string // the link's own path, which the button posts to
}

// MessageView is a plain page with a heading and a paragraph: errors (404,
// 403, 413, 429, 500) and notices such as "sign-up is closed".
type MessageView struct {
	Page    Page
	Status  int
	Heading string
	Body    string
	Back    string // link target for "Go back", "" for the home page
}

// MailboxItem is one message in the dev mailbox list.
type MailboxItem struct {
	ID      string
	To      string
	Subject string
	Kind    string
	Sent    string
}

// MailboxView lists the dev mailbox.
type MailboxView struct {
	Page     Page
	Messages []MailboxItem
}

// MailboxMessageView shows one dev mailbox message, both parts.
type MailboxMessageView struct {
	Page    Page
	Message MailboxItem
	Text    string
}
