package views

// AdminNav is the admin area's navigation: the person's areas and the
// organizer sections.
type AdminNav struct {
	Areas   []AreaLink
	Section string // "events" or "audit"
}

// StatTile is one number on a row of tiles.
type StatTile struct {
	Label  string
	Value  string
	Note   string // small print under the number
	Tone   string // "", "ok", "warn", "bad"
	TestID string
}

// Option is one choice of a filter select.
type Option struct {
	Value    string
	Label    string
	Selected bool
}

// AdminEventRow is an event in the organizers' list and at the top of its page.
type AdminEventRow struct {
	Slug       string
	Title      string
	Dates      string
	Location   string
	Timezone   string
	Window     string // when sign-up opens and closes, in words
	State      string // "Open", "Closed", "Not open yet", "Sign-up ended"
	StateTone  string // badge tone: "ok", "warn", "closed"
	Students   string // "12 of 30"
	StudentPct int    // seats taken, in percent, for the meter
	Mentors    string
	Waitlisted int
	Pending    int
	Progress   string // mentoring at a glance: "1 stalled · 2 slowing · 5 on track"; "" before mentoring
	URL        string // admin page
	EditURL    string
	PublicURL  string
}

// JobRow is one outbox job: a sync target of a registration, or an email.
type JobRow struct {
	Target      string // "Google Sheets", "Trello", "Email"
	Kind        string
	Key         string
	State       string // "done", "waiting", "retrying", "failed"
	StateTone   string
	Attempts    int
	LastError   string
	Updated     string
	About       string // which registration or email it is for
	PersonName  string
	PersonURL   string
	RetryAction string // POST target; "" when done
}

// AuditRow is one line of the audit log: who did what, about whom.
type AuditRow struct {
	When       string
	WhenISO    string
	Who        string
	WhoEmail   string
	ActorKind  string // workflows.AuditActorKind
	ActorAs    string // in what capacity, e.g. "Organizer", "Automatic"
	Subject    string // whom it concerns, when a person
	SubjectURL string
	SubjectAs  string // e.g. "student", "themself"
	Kind       string // the kind of action, e.g. "Review", "Event", "Erasure"
	Action     string // e.g. "Accepted": shown when there is no detail
	ActionCode string
	Detail     string
	EventTitle string
	EventURL   string
	PersonURL  string
}

// IntegrationRow says whether one integration is on and, when it is off,
// what happens instead and which settings would turn it on.
type IntegrationRow struct {
	Name     string
	On       bool
	State    string   // "on (board 5f1c…)", "off"
	Instead  string   // when off, e.g. "email goes to the dev mailbox at …"
	Settings []string // when off, the settings to set
}

// DashboardView is /admin.
type DashboardView struct {
	Page         Page
	Nav          AdminNav
	Tiles        []StatTile
	Events       []AdminEventRow
	Problems     []JobRow
	Integrations []IntegrationRow
	Recent       []AuditRow
}

// EventFormView is the form to create or edit an event.
type EventFormView struct {
	Page      Page
	Nav       AdminNav
	Editing   bool
	Action    string
	Event     AdminEventRow // when editing
	Values    map[string]string
	Errors    map[string]string
	Timezones []string
}

// RegistrationRow is one registration in an event's table.
type RegistrationRow struct {
	ID             string
	Name           string
	Email          string
	Company        string
	PersonURL      string
	Role           string
	Status         string
	StatusLabel    string // in plain words, with the place in line
	Place          int    // place on the waitlist
	Signed         string
	Confirmed      string
	Project        string // what they want to work on, or can mentor in
	Experience     string // a student's longer answers, shown on request
	Goals          string
	Selected       bool   // ticked for a bulk action
	Reason         string // why it was withdrawn
	AcceptAction   string // POST targets; "" when the action does not apply
	WaitlistAction string
	WithdrawAction string
	WithdrawOpen   bool // the withdraw form failed: show it open with its error
	WithdrawError  string
	WithdrawReason string
	Back           string // the table's address with its filters, to return to
}

// RegistrationsView is an event's page in the admin area.
type RegistrationsView struct {
	Page          Page
	Nav           AdminNav
	Event         AdminEventRow
	Closed        bool
	CloseAction   string
	OpenAction    string
	CSVURL        string
	Tiles         []StatTile
	Query         string
	RoleOptions   []Option
	StatusOptions []Option
	Filtered      bool
	Rows          []RegistrationRow
	Waitlist      []WaitlistRow  // the line in order, students first
	WaitlistMore  []WaitlistMore // for a role whose line is longer than shown
	Shown         int            // registrations the filter matches, on every page
	Total         int
	// FirstURL and NextURL page the list ("" when there is one page, or
	// this is the last).
	FirstURL, NextURL string
	SortOptions       []Option
	DirOptions        []Option
	Back              string // this list's address, for the bulk form to return to
	// The bulk form: its action, a refused action's message, reason and
	// reason error; the links that tick every row of the page or none.
	BulkAction, BulkError           string
	BulkReason, BulkReasonError     string
	BulkWithdrawOpen, AllSelected   bool
	SelectAllURL, ClearSelectionURL string
}

// Fact is a labelled value.
type Fact struct {
	Label string
	Value string
}

// PersonRegistration is one of a person's registrations on their admin page.
type PersonRegistration struct {
	EventTitle  string
	EventURL    string
	Role        string
	Status      string
	StatusLabel string // in plain words, with the place in line
	Signed      string
	Confirmed   string
	Reason      string
	Answers     []Fact
	// CoCAccepted is when the event's code of conduct (CoCURL, as it was
	// then) was accepted at sign-up; "" when it was not asked.
	CoCAccepted string
	CoCURL      string
	// ResendAction sends a new confirmation link; "" unless awaiting confirmation.
	ResendAction string
}

// EmailRow is one email sent, or to be sent, to a person.
type EmailRow struct {
	Created    string
	Kind       string
	Subject    string
	Status     string
	StatusTone string
	Sent       string
	ProviderID string
	Job        *JobRow // its send job, when it still exists
}

// PersonView is a person's page in the admin area.
type PersonView struct {
	Page          Page
	Nav           AdminNav
	ID            string
	Name          string
	Email         string
	Facts         []Fact
	Organizer     bool
	Undeliverable bool
	Registrations []PersonRegistration
	Emails        []EmailRow
	Sync          []JobRow
	History       []AuditRow
	EditURL       string
	ExportURL     string
	EraseAction   string
	EraseValue    string
	EraseError    string
}
