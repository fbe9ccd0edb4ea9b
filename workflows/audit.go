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
	// AuditPageLength is how many entries a page of the audit log shows.
	AuditPageLength = 50
)

// AuditActorKind says what kind of actor did something: who it was is
// ActorID when a person, and nobody for the system, the board and the
// command line.
type AuditActorKind string

const (
	ActorOrganizer   AuditActorKind = "organizer"    // an organizer in the admin area
	ActorPerson      AuditActorKind = "person"       // a student or mentor, or anyone about themself
	ActorSystem      AuditActorKind = "system"       // Registrar on its own: waitlist promotions
	ActorBoard       AuditActorKind = "board"        // a card moved on the Trello board
	ActorCommandLine AuditActorKind = "command_line" // the registrar command
)

// ActorKinds lists the kinds of actor, for filters.
func ActorKinds() []AuditActorKind {
	return []AuditActorKind{ActorOrganizer, ActorPerson, ActorSystem, ActorBoard, ActorCommandLine}
}

// AuditEntry is one line of the audit log: who did what, when, about whom.
// Detail is a sentence for people; it is blanked when the person it is
// about is erased.
type AuditEntry struct {
	ID             string
	At             time.Time
	ActorKind      AuditActorKind
	ActorID        string // "" for the system, the board, the command line, or an erased person
	Action         AuditAction
	EventID        string
	PersonID       string // whom it concerns, when a person
	RegistrationID string
	Detail         string
	// Filled when reading.
	ActorName    string
	ActorEmail   string
	SubjectName  string
	SubjectEmail string
	Role         Role // the registration's, when it is about one
	EventSlug    string
	EventTitle   string
}

// Self reports whether the actor did it about themself.
func (e AuditEntry) Self() bool { return e.ActorID != "" && e.ActorID == e.PersonID }

// AuditFilter narrows the audit log; zero values match everything. After
// and Before are entry IDs for keyset paging, newest first: the entries
// older than After, or the Limit entries just newer than Before.
type AuditFilter struct {
	PersonID    string // whom it concerns
	EventID     string
	ActorID     string
	ActorKind   AuditActorKind
	Action      AuditAction
	HideSignIns bool
	After       string
	Before      string
	Limit       int
}

// audit records an action in the caller's transaction.
func audit(ctx context.Context, log AuditStore, actor Viewer, now time.Time, e AuditEntry) error {
	e.ID, e.At, e.ActorID, e.ActorKind = NewID(), now, actor.PersonID, actorKind(actor, e)
	if r := []rune(e.Detail); len(r) > auditDetailMax {
		e.Detail = string(r[:auditDetailMax]) + "…"
	}
	return log.RecordAudit(ctx, e)
}

// actorKind is the capacity actor acted in: an organizer withdrawing their
// own student registration does it as a person.
func actorKind(actor Viewer, e AuditEntry) AuditActorKind {
	switch {
	case actor.acting != "":
		return actor.acting
	case actor.PersonID == "":
		return ActorCommandLine
	case e.Action == AuditWithdrawOwn || actor.PersonID == e.PersonID:
		return ActorPerson
	case actor.Organizer:
		return ActorOrganizer
	}
	return ActorPerson
}

// systemActor is who the audit log names for what Registrar does on its
// own, such as giving a freed seat to the first on the waitlist.
func systemActor() Viewer { return Viewer{Name: "Registrar", acting: ActorSystem} }
