package views

// MessagesView is an event's reminders and messages page.
type MessagesView struct {
	Page     Page
	Nav      AdminNav
	Event    string
	EventURL string
	Timezone string
	Rules    []RuleItem
	Form     MessageForm
	Messages []MessageItem
	History  []HistoryRow
}

// RuleItem is one reminder rule with its form.
type RuleItem struct {
	ID, Kind, Title, State string
	Paused                 bool
	NextLocal, NextUTC     string // "" when there is no single next time
	When                   string // the rule's timing in words
	Reach                  int
	Names                  []string // the first of those reached
	More                   int      // how many more than Names
	Missed, Sent           int
	PreviewURL             string // the HTML part, sandboxed
	PreviewSubject         string
	PreviewText            string
	Action                 string
	Subject, Body          string
	OffsetDays, OffsetHrs  string
	At                     string
	Weekday                string
	Errors                 map[string]string
	ShowDays, ShowHours    bool
	ShowWeekday, ShowAt    bool
}

// MessageForm is the form to write a message to a cohort.
type MessageForm struct {
	Action   string
	Roles    []CheckOption
	Statuses []CheckOption
	Subject  Field
	Body     Field
	Errors   map[string]string
}

// CheckOption is one checkbox of a group.
type CheckOption struct {
	Value, Label string
	Checked      bool
}

// MessageItem is one message written for the event.
type MessageItem struct {
	Subject, URL, Created, State string
	Recipients                   int
}

// HistoryRow is one batch sent.
type HistoryRow struct {
	When, What                    string
	Recipients, Delivered, Failed int
	Complained, Skipped, Queued   int
}

// MessagePreviewView is a message before it is sent: whom it reaches and
// how it reads.
type MessagePreviewView struct {
	Page          Page
	Nav           AdminNav
	Event         string
	BackURL       string
	Subject       string
	Audience      string
	Count         int
	Recipients    []string
	Sent          string // when it was sent, "" before
	Changed       bool   // the audience changed since the preview was made
	Reason        string // why a send was refused
	Hash          string
	SendAction    string
	TestAction    string
	PreviewURL    string
	RenderSubject string
	RenderText    string
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func badgeFor(paused bool) string {
	if paused {
		return "badge-warn"
	}
	return "badge-ok"
}

func weekdays() []string {
	return []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
}
