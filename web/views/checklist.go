package views

// ChecklistView is a student's contributor checklist in one event.
type ChecklistView struct {
	EventTitle string
	Done       int
	Total      int
	Completed  bool
	Mentor     *ContactView // nil until organizers pair the student
	Steps      []StepItem
}

// ContactView is how to reach someone.
type ContactView struct {
	Name     string
	Email    string
	IRC      string
	Timezone string
}

// StepItem is one checklist step with its form: the student's own, or the
// mentor's on a mentee's page (Verify then names the mentor's action).
type StepItem struct {
	Key         string
	Number      int
	Title       string
	Description string
	DocURL      string
	Optional    bool
	Done        bool
	DoneOn      string // "3 Feb", when done
	Verified    bool
	Evidence    string // what was given, when done
	EvidenceURL string // the evidence as a link, when it is one
	Ask         string // label of the evidence field, "" when the step needs none
	Hint        string // an example of good evidence, shown under the label
	Value       string // the evidence typed, kept after a refused post
	Error       string
	Action      string // POST target
	Mentor      bool   // the mentor's view: "Mark done and verify", "Verify"
	Next        bool   // the first required step not done yet: the one to do now
}

// FieldID is the evidence input's ID, unique on the page.
func (s StepItem) FieldID() string { return "evidence-" + s.Key }
