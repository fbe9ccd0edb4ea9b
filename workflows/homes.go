package workflows

import (
	"context"
	"fmt"
	"slices"
)

// Homes serves people's own pages: a student's registrations (/me) and a
// mentor's (/mentor). A viewer only ever sees their own registrations here.
type Homes struct {
	Store   Store
	Clock   Clock
	Emails  EmailRenderer
	Links   Links
	Mirrors []JobKind
}

// MyRegistration is one of the viewer's own registrations.
type MyRegistration struct {
	RegistrationDetail
	Place int // 1-based place on the waitlist; 0 when not waitlisted
	// Checklist is the contributor checklist of a paired (or completed) student.
	Checklist *Checklist
}

// CanWithdraw reports whether the person may withdraw it themselves.
func (r MyRegistration) CanWithdraw() bool { return r.Role == RoleStudent && CanWithdraw(r.Status) }

// Student returns the viewer's student registrations.
func (h *Homes) Student(ctx context.Context, v Viewer) ([]MyRegistration, error) {
	if err := v.student(); err != nil {
		return nil, err
	}
	return h.own(ctx, v, RoleStudent)
}

// Mentor returns the viewer's mentor registrations.
func (h *Homes) Mentor(ctx context.Context, v Viewer) ([]MyRegistration, error) {
	if err := v.mentor(); err != nil {
		return nil, err
	}
	return h.own(ctx, v, RoleMentor)
}

// MentorEvent returns the viewer's mentor registration for one event; any
// other mentor's is NotFound, as if it did not exist.
func (h *Homes) MentorEvent(ctx context.Context, v Viewer, slug string) (MyRegistration, error) {
	regs, err := h.Mentor(ctx, v)
	if err != nil {
		return MyRegistration{}, err
	}
	for _, r := range regs {
		if r.Event.Slug == slug {
			return r, nil
		}
	}
	return MyRegistration{}, E(NotFound, "You are not mentoring in this event.")
}

func (h *Homes) own(ctx context.Context, v Viewer, role Role) ([]MyRegistration, error) {
	var out []MyRegistration
	err := h.Store.View(ctx, func(tx Tx) error {
		var err error
		out, err = ownRegistrations(ctx, tx, v, role)
		return err
	})
	return out, err
}

// ownRegistrations reads the viewer's registrations in role; a student's
// paired ones come with their checklist.
func ownRegistrations(ctx context.Context, tx Tx, v Viewer, role Role) ([]MyRegistration, error) {
	regs, err := tx.Registrations.RegistrationsOfPerson(ctx, v.PersonID)
	if err != nil {
		return nil, err
	}
	var out []MyRegistration
	for _, r := range regs {
		if r.Role != role {
			continue
		}
		mine := MyRegistration{RegistrationDetail: r}
		if r.Status == StatusWaitlisted {
			if mine.Place, err = placeOf(ctx, tx, r.Registration); err != nil {
				return nil, err
			}
		}
		if role == RoleStudent && HasChecklist(r.Status) {
			list, err := checklistOf(ctx, tx, r.RegistrationView)
			if err != nil {
				return nil, err
			}
			mine.Checklist = &list
		}
		out = append(out, mine)
	}
	return out, nil
}

// placeOf finds r's 1-based place in its event's waitlist for its role
// without revealing anyone else; 0 when it is not in line.
func placeOf(ctx context.Context, tx Tx, r Registration) (int, error) {
	ids, err := tx.Lists.WaitlistIDs(ctx, r.EventID, r.Role)
	if err != nil {
		return 0, err
	}
	return slices.Index(ids, r.ID) + 1, nil
}

// Withdraw withdraws one of the viewer's own student registrations; the seat
// goes to the first student on the waitlist. Anyone else's registration is
// NotFound.
func (h *Homes) Withdraw(ctx context.Context, v Viewer, registrationID string) (SeatChange, error) {
	if err := v.student(); err != nil {
		return SeatChange{}, err
	}
	now := h.Clock.Now()
	var out SeatChange
	err := h.Store.InTx(ctx, func(tx Tx) error {
		reg, err := tx.Registrations.RegistrationByID(ctx, registrationID)
		if KindOf(err) == NotFound || err == nil && (reg.PersonID != v.PersonID || reg.Role != RoleStudent) {
			return E(NotFound, "You have no such registration.")
		}
		if err != nil {
			return err
		}
		if !CanWithdraw(reg.Status) {
			return E(Conflict, fmt.Sprintf("Your registration for %s is “%s”: there is nothing to withdraw.", reg.Event.Title, reg.Status.Label()))
		}
		s := seating{emails: h.Emails, links: h.Links, mirrors: h.Mirrors, actor: v, now: now}
		out, err = s.withdraw(ctx, tx, reg, "Withdrew themselves.", AuditWithdrawOwn, false)
		return err
	})
	return out, err
}
