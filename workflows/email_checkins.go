package workflows

// Email kinds of the contributor checklist and the weekly check-ins.
const (
	EmailCompleted    EmailKind = "mentoring_completed"
	EmailCheckInAlert EmailKind = "check_in_alert"
)

// CompletionEmail congratulates a student, or their mentor, on a first
// merged change. Path is a page of the app (the renderer adds the base URL).
type CompletionEmail struct {
	Name        string // the recipient
	Role        Role   // the recipient's role
	StudentName string
	MentorName  string
	EventTitle  string
	ChangeURL   string // the merged change, when the step holds it
	Path        string
}

// CheckInAlertEmail tells an organizer that a mentor asked for help or
// reported their mentee blocked.
type CheckInAlertEmail struct {
	Name           string // the organizer
	StudentName    string
	MentorName     string
	EventTitle     string
	Week           ISOWeek
	State          string // in words: "Blocked"
	NeedsOrganizer bool
	Notes          string
	NextSteps      string
	Path           string // the pairing's page
}

// CheckInEmails renders the mentoring emails of the checklist and check-ins.
type CheckInEmails interface {
	Completed(CompletionEmail) (EmailContent, error)
	CheckInAlert(CheckInAlertEmail) (EmailContent, error)
}
