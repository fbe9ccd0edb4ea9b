package workflows

import (
	"context"
	"time"
)

// AuditAction names something an organizer (or a person about their own
// registration) did.
type AuditAction string

const (
	AuditSignIn            AuditAction = "sign_in"
	AuditOrganizerAdd      AuditAction = "organizer.add"
	AuditEventCreate       AuditAction = "event.create"
	AuditEventUpdate       AuditAction = "event.update"
	AuditEventOpen         AuditAction = "event.open"
	AuditEventClose        AuditAction = "event.close"
	AuditRegistrationsCSV  AuditAction = "registrations.export"
	AuditAccept            AuditAction = "registration.accept"
	AuditWaitlist          AuditAction = "registration.waitlist"
	AuditWithdraw          AuditAction = "registration.withdraw"
	AuditWithdrawOwn       AuditAction = "registration.withdraw_own"
	AuditPromote           AuditAction = "registration.promote"
	AuditPersonExport      AuditAction = "person.export"
	AuditPersonErase       AuditAction = "person.erase"
	AuditJobRetry          AuditAction = "job.retry"
	AuditBoardMove         AuditAction = "registration.board_move"
	auditDetailMax                     = 1000
	defaultAuditPageLength             = 200
)

// AuditEntry is one line of the audit log: who did what, when. Detail is a
// sentence for people; it is blanked when the person it is about is erased.
type AuditEntry struct {
	ID             string
	At             time.Time
	ActorID        string // "" for the command line, or an erased person
	Action         AuditAction
	EventID        string
	PersonID       string // whom it concerns, when a person
	RegistrationID string
	Detail         string
	// Filled when reading.
	ActorName  string
	ActorEmail string
	EventSlug  string
	EventTitle string
}

// AuditFilter narrows the audit log; zero values match everything.
type AuditFilter struct {
	PersonID string
	Limit    int
}

// audit records an action in the caller's transaction.
func audit(ctx context.Context, log AuditStore, actor Viewer, now time.Time, e AuditEntry) error {
	e.ID, e.At, e.ActorID = NewID(), now, actor.PersonID
	if r := []rune(e.Detail); len(r) > auditDetailMax {
		e.Detail = string(r[:auditDetailMax]) + "…"
	}
	return log.RecordAudit(ctx, e)
}

// AuditTrail is the organizers' view of the audit log.
type AuditTrail struct{ Deps }

// Entries returns the newest entries of the audit log.
func (a *AuditTrail) Entries(ctx context.Context, v Viewer, f AuditFilter) ([]AuditEntry, error) {
	if err := v.organizer(); err != nil {
		return nil, err
	}
	if f.Limit <= 0 {
		f.Limit = defaultAuditPageLength
	}
	var out []AuditEntry
	err := a.Store.View(ctx, func(tx Tx) error {
		var err error
		out, err = tx.Audit.AuditEntries(ctx, f)
		return err
	})
	return out, err
}
