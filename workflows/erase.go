package workflows

import (
	"context"
	"fmt"
	"time"
)

// Erasure jobs delete a registration's copies in other systems after the
// person was erased. They are keyed by the registration ID; the Erasure row
// with that ID holds what the deleters need, since the registration is gone.
const (
	JobSheetErase  JobKind = "sheets.erase" // key: registration ID; delete its spreadsheet row
	JobTrelloErase JobKind = "trello.erase" // key: registration ID; delete its Trello card
)

// eraseDelay lets a sync write already in flight finish (or lose its lease)
// before the copy it wrote is deleted.
const eraseDelay = time.Minute

// eraserOf names the job that undoes a sync job kind.
func eraserOf(kind JobKind) (JobKind, bool) {
	switch kind {
	case JobSheetRow:
		return JobSheetErase, true
	case JobTrelloCard:
		return JobTrelloErase, true
	}
	return "", false
}

// Erasure is what is left of an erased registration: no personal data, only
// where its copies live, so the deleters can find them.
type Erasure struct {
	RegistrationID string
	EventID        string // the spreadsheet tab is per event and role
	Role           Role
	CardID         string // the Trello card, when one was made
	Requested      time.Time
}

// ErasureReport says what an erasure did.
type ErasureReport struct {
	Registrations int
	Jobs          []JobKind // deletion jobs queued, one per registration and system
	Promoted      []RegistrationView
}

// Erase removes a person's personal data (a data-protection request):
// the person, their registrations, emails, links and sign-ins go, the audit
// log forgets them, and jobs are queued to delete their spreadsheet rows and
// Trello cards. Student seats they held go to the waitlist. confirm must be
// their email address, typed again.
func (a *PeopleAdmin) Erase(ctx context.Context, v Viewer, personID, confirm string) (ErasureReport, error) {
	if err := v.organizer(); err != nil {
		return ErasureReport{}, err
	}
	now := a.Clock.Now()
	if err := v.recentSignIn(now); err != nil {
		return ErasureReport{}, err
	}
	var rep ErasureReport
	err := a.Store.InTx(ctx, func(tx Tx) error {
		rec, err := personRecord(ctx, tx, personID)
		if err != nil {
			return err
		}
		if rec.Person.Organizer {
			orgs, err := tx.Organizers.Organizers(ctx)
			if err != nil {
				return err
			}
			if len(orgs) <= 1 {
				return E(Conflict, "This is the last organizer: add another with `registrar admin add` before erasing them.")
			}
		}
		if NormalizeEmail(confirm) != rec.Person.Email {
			return &Error{Kind: Invalid, Message: "Type the person's email address to confirm.",
				Fields: map[string]string{"confirm": "Type " + rec.Person.Email + " exactly, to confirm you mean this person."}}
		}
		erasures, seatsFreed := erasuresOf(rec, now)
		if err := tx.Erasures.ErasePerson(ctx, personID); err != nil {
			return err
		}
		for _, er := range erasures {
			if err := tx.Erasures.CreateErasure(ctx, er.Erasure); err != nil {
				return err
			}
			for _, kind := range er.jobs {
				if err := tx.Jobs.Enqueue(ctx, kind, er.RegistrationID, now.Add(eraseDelay)); err != nil {
					return err
				}
				rep.Jobs = append(rep.Jobs, kind)
			}
		}
		rep.Registrations = len(erasures)
		s := a.seating(v, now)
		for _, ev := range seatsFreed {
			if err := tx.Events.LockEvent(ctx, ev.ID); err != nil {
				return err
			}
			promoted, err := s.fillSeats(ctx, tx, ev, RoleStudent, "")
			if err != nil {
				return err
			}
			rep.Promoted = append(rep.Promoted, promoted...)
		}
		detail := fmt.Sprintf("Erased a person on request: %d registrations; %d deletions queued in other systems.", rep.Registrations, len(rep.Jobs))
		if rec.Person.Organizer { // named in the text: an actor's ID goes if they are erased in turn
			detail = fmt.Sprintf("%s (%s) erased an organizer on request: %d registrations; %d deletions queued in other systems.",
				v.Name, v.Email, rep.Registrations, len(rep.Jobs))
		}
		return audit(ctx, tx.Audit, v, now, AuditEntry{Action: AuditPersonErase, Detail: detail})
	})
	return rep, err
}

type plannedErasure struct {
	Erasure
	jobs []JobKind
}

// erasuresOf plans the deletions: one per registration and per system that
// received a copy (a sync job for it exists), and the events whose student
// seats are freed.
func erasuresOf(rec PersonRecord, now time.Time) ([]plannedErasure, []Event) {
	var (
		out   []plannedErasure
		freed []Event
	)
	for _, r := range rec.Registrations {
		pe := plannedErasure{Erasure: Erasure{RegistrationID: r.ID, EventID: r.EventID, Role: r.Role, Requested: now}}
		for _, j := range rec.Jobs {
			kind, ok := eraserOf(j.Kind)
			if !ok || j.Key != r.ID {
				continue
			}
			if j.Kind == JobTrelloCard {
				pe.CardID = j.ExternalID
			}
			pe.jobs = append(pe.jobs, kind)
		}
		out = append(out, pe)
		if r.Role == RoleStudent && r.Status.HoldsSeat() {
			freed = append(freed, r.Event)
		}
	}
	return out, freed
}
