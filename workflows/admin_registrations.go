package workflows

import (
	"context"
	"maps"
	"strings"
)

// MaxReason is the longest withdrawal reason, in characters.
const MaxReason = 500

// RegistrationFilter narrows an event's registrations; zero values match all.
type RegistrationFilter struct {
	Role   Role
	Status Status
	// Query is part of a name, an email address, a company or a project; the
	// store matches it ignoring case and accents.
	Query string
	Sort  SortKey // "" is SortSigned
	Desc  bool
	After string // the last registration of the previous page; "" for the first
}

// Matches says whether r passes the filter (After aside), ignoring case;
// accents are the store's to ignore.
func (f RegistrationFilter) Matches(r RegistrationDetail) bool {
	if f.Role != "" && r.Role != f.Role || f.Status != "" && r.Status != f.Status {
		return false
	}
	q := strings.ToLower(strings.TrimSpace(f.Query))
	for _, s := range []string{r.Person.Name, r.Person.Email, r.Person.Company, r.Answers.Project, r.Answers.Projects} {
		if strings.Contains(strings.ToLower(s), q) {
			return true
		}
	}
	return false
}

// RegistrationList is an event's registrations as the organizers' table shows them.
type RegistrationList struct {
	Event EventSummary         // counts cover every registration, not only the shown ones
	Rows  []RegistrationDetail // a page of the registrations matching the filter, in sign-up order
	Total int                  // every registration of the event
	// Matching counts the registrations the filter matches, on every page.
	Matching int
	// Next is the filter's After for the next page; "" on the last page.
	Next string
	// Place is each waitlisted registration's 1-based place in its role's queue.
	Place map[string]int
	// Waitlist is the line of each role in order, students first: at most
	// WaitlistShown of each.
	Waitlist []RegistrationDetail
}

// WaitlistShown is how many of a role's waitlist an event's page lists.
const WaitlistShown = 100

// Reviews is how organizers review registrations: list and export them,
// accept, waitlist and withdraw, here or by moving cards on the board.
type Reviews struct{ Deps }

// Registrations lists an event's registrations that match f.
func (a *Reviews) Registrations(ctx context.Context, v Viewer, slug string, f RegistrationFilter) (RegistrationList, error) {
	if err := v.organizer(); err != nil {
		return RegistrationList{}, err
	}
	var out RegistrationList
	err := a.Store.View(ctx, func(tx Tx) error {
		var err error
		out, err = a.registrationPage(ctx, tx, slug, f)
		return err
	})
	return out, err
}

// registrationPage reads one page: the counts from one grouped query, the
// rows from one keyset query, and the waitlist places of the page's
// waitlisted rows from one query per role.
func (a *Reviews) registrationPage(ctx context.Context, tx Tx, slug string, f RegistrationFilter) (RegistrationList, error) {
	e, err := eventNamed(ctx, tx.Events, slug)
	if err != nil {
		return RegistrationList{}, err
	}
	counts, err := tx.Lists.EventCounts(ctx, e.ID)
	if err != nil {
		return RegistrationList{}, err
	}
	out := RegistrationList{Event: summarize(e, a.Clock.Now(), counts), Place: map[string]int{}}
	out.Total = out.Event.Students.Total() + out.Event.Mentors.Total()
	q := RegistrationQuery{Role: f.Role, Status: f.Status, Search: strings.TrimSpace(f.Query), Sort: f.Sort, Desc: f.Desc,
		After: f.After, Limit: PageSize + 1}
	if out.Rows, err = tx.Lists.RegistrationPage(ctx, e.ID, q); err != nil {
		return out, err
	}
	if len(out.Rows) > PageSize {
		out.Rows = out.Rows[:PageSize]
		out.Next = out.Rows[PageSize-1].ID
	}
	out.Matching = out.Total
	switch {
	case f.After == "" && out.Next == "": // one page holds every match: no second scan to count them
		out.Matching = len(out.Rows)
	case q.Role != "" || q.Status != "" || q.Search != "":
		if out.Matching, err = tx.Lists.CountMatching(ctx, e.ID, q); err != nil {
			return out, err
		}
	}
	for _, role := range []Role{RoleStudent, RoleMentor} {
		if counts := map[Role]RoleCounts{RoleStudent: out.Event.Students, RoleMentor: out.Event.Mentors}[role]; counts.ByStatus[StatusWaitlisted] == 0 {
			continue
		}
		line, err := tx.Lists.Waitlist(ctx, e.ID, role, WaitlistShown)
		if err != nil {
			return out, err
		}
		out.Waitlist = append(out.Waitlist, line...)
	}
	for _, role := range []Role{RoleStudent, RoleMentor} {
		var ids []string
		for _, r := range out.Rows {
			if r.Role == role && r.Status == StatusWaitlisted {
				ids = append(ids, r.ID)
			}
		}
		if len(ids) == 0 {
			continue
		}
		places, err := tx.Lists.WaitlistPlaces(ctx, e.ID, role, ids)
		if err != nil {
			return out, err
		}
		maps.Copy(out.Place, places)
	}
	return out, nil
}

// Accept accepts a confirmed or waitlisted registration, and the person is
// emailed. Accepting a waitlisted one is an organizer's promotion of that
// person, ahead of the line: it needs a free seat (else Conflict, saying why).
func (a *Reviews) Accept(ctx context.Context, v Viewer, registrationID string) (SeatChange, error) {
	return a.change(ctx, v, registrationID, func(ctx context.Context, tx Tx, s seating, reg RegistrationView) (SeatChange, error) {
		return s.accept(ctx, tx, reg)
	})
}

// Waitlist moves a confirmed or accepted registration to the end of the
// waitlist. A student seat it frees goes at once to the first in line, never
// back to this person; everyone who moves is emailed.
func (a *Reviews) Waitlist(ctx context.Context, v Viewer, registrationID string) (SeatChange, error) {
	return a.change(ctx, v, registrationID, func(ctx context.Context, tx Tx, s seating, reg RegistrationView) (SeatChange, error) {
		return s.waitlist(ctx, tx, reg)
	})
}

// Withdraw withdraws a registration for the reason given. A freed student
// seat goes to the first student on the waitlist, who is emailed.
func (a *Reviews) Withdraw(ctx context.Context, v Viewer, registrationID, reason string) (SeatChange, error) {
	reason = strings.TrimSpace(reason)
	viol := Violations{}
	validReason(viol, reason)
	if err := viol.Err(); err != nil {
		return SeatChange{}, err
	}
	return a.change(ctx, v, registrationID, func(ctx context.Context, tx Tx, s seating, reg RegistrationView) (SeatChange, error) {
		return s.withdraw(ctx, tx, reg, reason, AuditWithdraw, true)
	})
}

// change loads a registration and runs fn on it in one transaction.
func (a *Reviews) change(ctx context.Context, v Viewer, registrationID string,
	fn func(context.Context, Tx, seating, RegistrationView) (SeatChange, error)) (SeatChange, error) {
	if err := v.organizer(); err != nil {
		return SeatChange{}, err
	}
	now := a.Clock.Now()
	var out SeatChange
	err := a.Store.InTx(ctx, func(tx Tx) error {
		reg, err := tx.Registrations.RegistrationByID(ctx, registrationID)
		if err != nil {
			return notFound(err, "There is no such registration.")
		}
		out, err = fn(ctx, tx, a.seating(v, now), reg)
		return err
	})
	return out, err
}
