package workflows

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Sync mirrors registrations to the organizers' spreadsheet and board: the
// handlers of JobSheetRow and JobTrelloCard. Each reads the registration as it
// is now, so a late or repeated job writes the current state.
type Sync struct {
	Store  Store
	Sheets SheetWriter
	Board  BoardWriter
}

// SheetTab names the tab of an event and role, e.g. "upstream-2026 students".
func SheetTab(eventSlug string, role Role) string {
	return eventSlug + " " + string(role) + "s"
}

// SheetHeader is the owned columns of a role's tab, column A first.
func SheetHeader(role Role) []string {
	h := []string{"Registration ID", "Signed up (UTC)", "Status", "Name", "Email", "Company", "IRC", "Time zone"}
	if role == RoleMentor {
		return append(h, "Projects", "Max mentees")
	}
	return append(append(h, "Project", "Experience", "Goals"), studentColumns()...)
}

// SheetRowOf is a registration as its tab shows it.
func SheetRowOf(r SyncView) SheetRow {
	v := []string{r.Created.UTC().Format(time.DateTime), r.Status.Label(), r.Person.Name, r.Person.Email,
		r.Person.Company, r.Person.IRC, r.Person.Timezone}
	if r.Role == RoleMentor {
		v = append(v, r.Answers.Projects, strconv.Itoa(r.Answers.MaxMentees))
	} else {
		v = append(append(v, r.Answers.Project, r.Answers.Experience, r.Answers.Goals), studentValues(r)...)
	}
	return SheetRow{RegistrationID: r.ID, Values: v}
}

// Rows writes the rows of a batch of registrations: one upsert per tab, so a
// burst of sign-ups costs a few API calls, not one each.
func (s *Sync) Rows(ctx context.Context, jobs []JobRef) []JobResult {
	out := make([]JobResult, len(jobs))
	views, errs := s.load(ctx, jobs)
	type tabBatch struct {
		role Role
		rows []SheetRow
		idx  []int
	}
	tabs := map[string]*tabBatch{}
	var order []string
	for i, v := range views {
		if errs[i] != nil {
			out[i].Err = errs[i]
			continue
		}
		tab := SheetTab(v.Event.Slug, v.Role)
		b, ok := tabs[tab]
		if !ok {
			b = &tabBatch{role: v.Role}
			tabs[tab] = b
			order = append(order, tab)
		}
		b.rows = append(b.rows, SheetRowOf(v))
		b.idx = append(b.idx, i)
	}
	for _, tab := range order {
		b := tabs[tab]
		err := s.Sheets.UpsertRows(ctx, tab, SheetHeader(b.role), b.rows)
		if err != nil {
			err = fmt.Errorf("sheet tab %q: %w", tab, err)
		}
		for _, i := range b.idx {
			out[i].Err = err
		}
	}
	return out
}

// TrelloList is the board list for a status: its plain label, so the board
// reads as the pages do.
func TrelloList(s Status) string { return s.Label() }

// boardStatuses are the statuses in the order of the board's lists.
var boardStatuses = []Status{StatusPending, StatusConfirmed, StatusAccepted, StatusWaitlisted, StatusActive, StatusCompleted, StatusWithdrawn}

// TrelloLists are the board's lists in their order; the board adapter
// creates those a board lacks (under their name or an alias) the first time
// it needs one.
func TrelloLists() []string {
	out := make([]string, len(boardStatuses))
	for i, s := range boardStatuses {
		out[i] = TrelloList(s)
	}
	return out
}

// TrelloListAliases are the names a list had before the board used the
// status labels. A board set up earlier keeps its lists: cards go to the
// alias when the board has no list by the new name, and moves into an
// alias count as moves into the list.
func TrelloListAliases(list string) []string {
	switch list {
	case TrelloList(StatusPending), TrelloList(StatusConfirmed):
		return []string{"Applicants"} // both statuses shared one list
	case TrelloList(StatusWaitlisted):
		return []string{"Waitlist"}
	}
	return nil
}

// inTrelloList reports whether a card in list shows status s: in its list
// or in an alias of it.
func inTrelloList(s Status, list string) bool {
	return list == TrelloList(s) || slices.Contains(TrelloListAliases(TrelloList(s)), list)
}

// Card creates or updates one registration's card and returns its ID, which
// the runner keeps for the next change. After an attempt whose outcome is
// unknown, the board is searched for the card before creating another.
func (s *Sync) Card(ctx context.Context, job JobRef) (string, error) {
	views, errs := s.load(ctx, []JobRef{job})
	if errs[0] != nil {
		return "", errs[0]
	}
	lookFirst := job.ExternalID == "" && job.Attempt > 1
	id, err := s.Board.PutCard(ctx, job.ExternalID, CardOf(views[0]), lookFirst)
	if err != nil {
		return "", fmt.Errorf("trello card of %s: %w", job.Key, err)
	}
	return id, nil
}

// load reads the registrations named by the jobs' keys in one transaction.
func (s *Sync) load(ctx context.Context, jobs []JobRef) ([]SyncView, []error) {
	views := make([]SyncView, len(jobs))
	errs := make([]error, len(jobs))
	err := s.Store.View(ctx, func(tx Tx) error {
		ml := &mentoringLoader{tx: tx, steps: map[string][]Step{}}
		for i, j := range jobs {
			views[i].RegistrationView, errs[i] = tx.Registrations.RegistrationByID(ctx, j.Key)
			if errs[i] == nil {
				views[i].Mentoring, errs[i] = ml.load(ctx, views[i].RegistrationView)
			}
		}
		return nil
	})
	if err != nil {
		for i := range errs {
			errs[i] = err
		}
	}
	return views, errs
}
