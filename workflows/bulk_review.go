package workflows

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// BulkAction is what an organizer does at once to the registrations selected
// in an event's list.
type BulkAction string

const (
	BulkAccept   BulkAction = "accept"
	BulkWaitlist BulkAction = "waitlist"
	BulkWithdraw BulkAction = "withdraw"
)

// MaxBulk bounds one selection: a page shows PageSize, and "select all" selects a page.
const MaxBulk = 200

// BulkInput is a bulk action on the registrations IDs of one event.
type BulkInput struct {
	Action BulkAction
	IDs    []string
	Reason string // withdraw only
}

// BulkResult says what a bulk action did.
type BulkResult struct {
	Event    Event
	Changed  []RegistrationView // in the order they were changed
	Skipped  []RegistrationView // selected, but the action does not apply to their status
	Promoted []RegistrationView // given a seat that the withdrawals freed
}

// validReason checks a withdrawal reason, for one registration or many.
func validReason(v Violations, reason string) {
	v.Check(reason != "", "reason", "Say why, in a few words: the person's page and the audit log keep it.")
	v.Check(utf8.RuneCountInString(reason) <= MaxReason, "reason", fmt.Sprintf("Use at most %d characters.", MaxReason))
	v.Check(!hasControl(reason, true), "reason", "Remove the control characters.")
}

// Bulk applies one action to the selected registrations of the event slug,
// all in one transaction, through the same seating rules as the one-by-one
// buttons (each person gets their audit line, sync jobs and email).
// Registrations whose status the action does not apply to are skipped and
// reported. Accepting more people from the waitlist than there are free
// seats changes nothing: the organizer chose these people, and seating some
// of them by an order they did not choose would be a surprise.
func (a *Reviews) Bulk(ctx context.Context, v Viewer, slug string, in BulkInput) (BulkResult, error) {
	if err := v.organizer(); err != nil {
		return BulkResult{}, err
	}
	in.Reason = strings.TrimSpace(in.Reason)
	in.IDs = slices.Compact(slices.Sorted(slices.Values(in.IDs)))
	viol := Violations{}
	viol.Check(slices.Contains([]BulkAction{BulkAccept, BulkWaitlist, BulkWithdraw}, in.Action), "action", "Choose accept, waitlist or withdraw.")
	viol.Check(len(in.IDs) > 0, "registration", "Select at least one registration.")
	viol.Check(len(in.IDs) <= MaxBulk, "registration", fmt.Sprintf("Select at most %d registrations at a time.", MaxBulk))
	if in.Action == BulkWithdraw {
		validReason(viol, in.Reason)
	}
	if err := viol.Err(); err != nil {
		return BulkResult{}, err
	}
	now := a.Clock.Now()
	var out BulkResult
	err := a.Store.InTx(ctx, func(tx Tx) error {
		e, err := eventNamed(ctx, tx.Events, slug)
		if err != nil {
			return err
		}
		out = BulkResult{Event: e}
		regs, err := selected(ctx, tx, e, in.IDs)
		if err != nil {
			return err
		}
		if in.Action == BulkAccept {
			if err := seatsForAll(ctx, tx, e, regs); err != nil {
				return err
			}
		}
		seat := a.seating(v, now)
		for _, r := range regs {
			// Read again: a withdrawal earlier in the loop may have promoted r.
			reg, err := tx.Registrations.RegistrationByID(ctx, r.ID)
			if err != nil {
				return err
			}
			if !bulkApplies(in.Action, reg.Status) {
				out.Skipped = append(out.Skipped, reg)
				continue
			}
			var change SeatChange
			switch in.Action {
			case BulkAccept:
				change, err = seat.accept(ctx, tx, reg)
			case BulkWaitlist:
				change, err = seat.waitlist(ctx, tx, reg)
			default:
				change, err = seat.withdraw(ctx, tx, reg, in.Reason, AuditWithdraw, true)
			}
			if err != nil {
				return err
			}
			out.Changed = append(out.Changed, change.Registration)
			out.Promoted = append(out.Promoted, change.Promoted...)
		}
		return nil
	})
	return out, err
}

func bulkApplies(action BulkAction, s Status) bool {
	switch action {
	case BulkAccept:
		return CanAccept(s)
	case BulkWaitlist:
		return CanWaitlist(s)
	}
	return CanWithdraw(s)
}

// selected loads the selection, those holding no seat first: withdrawing
// them before the seat holders keeps a freed seat from going to someone
// about to be withdrawn in the same action.
func selected(ctx context.Context, tx Tx, e Event, ids []string) ([]RegistrationView, error) {
	var regs []RegistrationView
	for _, id := range ids {
		reg, err := tx.Registrations.RegistrationByID(ctx, id)
		if KindOf(err) == NotFound || err == nil && reg.EventID != e.ID {
			return nil, Violations{"registration": "A selected registration is not one of " + e.Title + "'s: reload the list and select again."}.Err()
		}
		if err != nil {
			return nil, err
		}
		regs = append(regs, reg)
	}
	slices.SortStableFunc(regs, func(a, b RegistrationView) int {
		return boolOrder(a.Status.HoldsSeat()) - boolOrder(b.Status.HoldsSeat())
	})
	return regs, nil
}

func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}

// seatsForAll refuses, before anything changes, an accept that would take
// more seats from the waitlist than a role has free. It takes the event's
// lock, which the accepts then hold.
func seatsForAll(ctx context.Context, tx Tx, e Event, regs []RegistrationView) error {
	if err := tx.Events.LockEvent(ctx, e.ID); err != nil {
		return err
	}
	for _, role := range []Role{RoleStudent, RoleMentor} {
		want := 0
		for _, r := range regs {
			if r.Role == role && r.Status == StatusWaitlisted {
				want++
			}
		}
		if want == 0 {
			continue
		}
		taken, err := tx.Registrations.CountSeats(ctx, e.ID, role)
		if err != nil {
			return err
		}
		if free := max(0, e.Capacity(role)-taken); want > free {
			return Violations{"registration": fmt.Sprintf("Only %d %s %s free; you selected %d from the waitlist. Nothing was changed: select fewer, or add seats first.",
				free, role, plural(free, "seat is", "seats are"), want)}.Err()
		}
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
