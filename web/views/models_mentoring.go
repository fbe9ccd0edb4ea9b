package views

// MentoringHead is the top of an event's mentoring pages: the event and the
// links between its admin pages.
type MentoringHead struct {
	EventTitle   string
	EventURL     string // registrations
	PairingsURL  string
	ProgressURL  string
	Current      string // "pairings" or "progress"
	Dates        string
	Timezone     string
	EventSection string // the eyebrow
}

// PairingsView is an event's pairings page.
type PairingsView struct {
	Page     Page
	Nav      AdminNav
	Head     MentoringHead
	Tiles    []StatTile
	Error    string // why the last pairing was refused (422)
	PairAll  string // POST target of "pair everyone with their first suggestion"; "" when nobody can be paired
	PairURL  string // POST /admin/pairings
	Waiting  []WaitingStudent
	Mentors  []MentorCard
	Current  []PairingRow
	WithRoom []Option // every mentor with room, for the select
}

// WaitingStudent is a student without a mentor, with suggestions.
type WaitingStudent struct {
	ID          string
	Name        string
	Project     string
	Timezone    string
	Since       string // accepted or waiting since
	Suggestions []SuggestionCard
}

// SuggestionCard is one suggested mentor and why.
type SuggestionCard struct {
	MentorID string
	Name     string
	Load     string // "1 / 3"
	Match    bool   // a shared project
	Reasons  []string
}

// MentorCard is a mentor with their load.
type MentorCard struct {
	Name     string
	Projects string
	Timezone string
	Load     string // "2 / 3"
	Pct      int
	Full     bool
	Idle     bool // no mentee yet: highlighted
}

// PairingRow is an open pairing.
type PairingRow struct {
	ID        string
	Student   string
	Project   string
	Mentor    string
	Load      string
	Since     string
	EndAction string
}

// ProgressView is an event's progress board.
type ProgressView struct {
	Page          Page
	Nav           AdminNav
	Head          MentoringHead
	Tiles         []StatTile
	ColourOptions []Option
	MentorOptions []Option
	Filtered      bool
	ClearURL      string
	Rows          []ProgressRow
	Total         int // active students, before filtering
	Funnel        Chart
	Weekly        Chart
}

// ProgressRow is one active student on the board.
type ProgressRow struct {
	Name        string
	PersonURL   string
	Project     string
	Mentor      string
	StepsDone   int
	StepsTotal  int
	Steps       string // "3/10"
	LastCheckIn string // "2027-W05 · On track", or "none yet"
	Days        string // "3 days"
	Colour      string // green, amber, red
	ColourLabel string
	Reason      string
	Attention   string // why an organizer is wanted; "" when not
}

// Chart is a server-rendered SVG chart with its data as a table.
type Chart struct {
	Title   string
	Summary string // one sentence for screen readers and the caption
	Width   int
	Height  int
	Bars    []Bar
	Legend  []LegendItem
	Columns []string   // the text alternative's column headings
	Table   [][]string // the text alternative's rows
	TestID  string
}

// Bar is one rectangle of a chart, with its label, in viewBox units.
type Bar struct {
	X, Y, W, H int
	Class      string
	Label      string // drawn text, when not ""
	LX, LY     int    // where the label goes
	Anchor     string // text-anchor
	LabelClass string
}

// LegendItem names a bar colour.
type LegendItem struct{ Class, Label string }
