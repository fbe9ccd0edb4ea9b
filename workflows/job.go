package workflows

// JobKind names a kind of outbox job. The payload of every job is its key
// (an ID); handlers read current state, so a late job still does the right thing.
type JobKind string

const (
	JobSendEmail  JobKind = "mail.send"   // key: email ID
	JobSheetRow   JobKind = "sheets.row"  // key: registration ID
	JobTrelloCard JobKind = "trello.card" // key: registration ID
)

// JobRef is a claimed job handed to a handler.
type JobRef struct {
	Kind    JobKind
	Key     string
	Attempt int // 1 on the first try
}
