package workflows

import (
	"context"
	"fmt"
	"regexp"
	"slices"
)

// AuditQuery is what the audit log page asks for: a filter by event slug,
// actor and action, and a page by keyset. Sign-ins are hidden unless asked
// for (or asked for by action): they are most of the log and say little.
type AuditQuery struct {
	EventSlug string
	ActorKind AuditActorKind
	ActorID   string // a person who acted
	Action    AuditAction
	SignIns   bool
	// After shows the page older than this entry, Before the page newer.
	After, Before string
}

// AuditLog is one page of the audit log and what its filters offer.
type AuditLog struct {
	Entries []AuditEntry // newest first, at most AuditPageLength
	// Newer and Older are the Before and After of the neighbouring pages;
	// "" when there is none.
	Newer, Older string
	Event        Event    // the filtered event, when one
	Actor        Person   // the filtered person, when one
	Events       []Event  // every event, for the event filter
	Organizers   []Person // for the actor filter
}

var auditActionPattern = regexp.MustCompile(`^[a-z_]+(\.[a-z_]+)?$`)

// Validate checks what a typed or edited address could get wrong; the
// message says what to do, as the page has no form field to mark.
func (q AuditQuery) Validate() error {
	switch {
	case q.Action != "" && (len(q.Action) > 64 || !auditActionPattern.MatchString(string(q.Action))):
		return E(Invalid, "There is no such kind of action: choose one from the list.")
	case q.ActorKind != "" && !slices.Contains(ActorKinds(), q.ActorKind):
		return E(Invalid, "There is no such kind of actor: choose one from the list.")
	case len(q.ActorID) > 64 || len(q.EventSlug) > 200 || len(q.After) > 64 || len(q.Before) > 64:
		return E(Invalid, "This address is too long: start again from the audit log.")
	}
	return nil
}

// AuditTrail is the organizers' view of the audit log.
type AuditTrail struct{ Deps }

// Entries returns the newest entries of the audit log that f matches.
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

// Log returns one page of the audit log for an organizer.
func (a *AuditTrail) Log(ctx context.Context, v Viewer, q AuditQuery) (AuditLog, error) {
	if err := v.organizer(); err != nil {
		return AuditLog{}, err
	}
	if err := q.Validate(); err != nil {
		return AuditLog{}, err
	}
	var out AuditLog
	err := a.Store.View(ctx, func(tx Tx) error {
		f, err := auditFilterOf(ctx, tx, q, &out)
		if err != nil {
			return err
		}
		if out.Entries, out.Newer, out.Older, err = auditPage(ctx, tx.Audit, f); err != nil {
			return err
		}
		if out.Events, err = tx.Events.ListEvents(ctx); err != nil {
			return err
		}
		out.Organizers, err = tx.Organizers.Organizers(ctx)
		return err
	})
	if err != nil {
		return AuditLog{}, fmt.Errorf("audit log: %w", err)
	}
	return out, nil
}

// auditFilterOf turns the query into a store filter, looking up the event
// and the person it names into out.
func auditFilterOf(ctx context.Context, tx Tx, q AuditQuery, out *AuditLog) (AuditFilter, error) {
	f := AuditFilter{ActorKind: q.ActorKind, ActorID: q.ActorID, Action: q.Action, After: q.After, Before: q.Before,
		HideSignIns: !q.SignIns && q.Action == "", Limit: AuditPageLength + 1}
	if q.EventSlug != "" {
		e, err := tx.Events.EventBySlug(ctx, q.EventSlug)
		if KindOf(err) == NotFound {
			return f, Wrap(NotFound, "There is no event with this address: choose one from the list.", err)
		}
		if err != nil {
			return f, err
		}
		out.Event, f.EventID = e, e.ID
	}
	if q.ActorID != "" {
		p, err := tx.People.PersonByID(ctx, q.ActorID)
		if KindOf(err) == NotFound {
			return f, Wrap(NotFound, "There is no such person (they may have been erased): choose an actor from the list.", err)
		}
		if err != nil {
			return f, err
		}
		out.Actor = p
	}
	return f, nil
}

// auditPage reads one page (f.Limit is one more than a page, to see whether
// there is another) and the cursors of its neighbours. A page newer than
// Before that comes out short has reached the newest entries: it is then
// the first page, full.
func auditPage(ctx context.Context, log AuditStore, f AuditFilter) (rows []AuditEntry, newer, older string, err error) {
	n := f.Limit - 1
	if f.Before != "" {
		if rows, err = log.AuditEntries(ctx, f); err != nil {
			return nil, "", "", err
		}
		if len(rows) > n {
			rows = rows[1:]
			return rows, rows[0].ID, rows[len(rows)-1].ID, nil
		}
		f.Before, f.After = "", ""
	}
	if rows, err = log.AuditEntries(ctx, f); err != nil {
		return nil, "", "", err
	}
	if len(rows) > n {
		rows = rows[:n]
		older = rows[n-1].ID
	}
	if f.After != "" && len(rows) > 0 {
		newer = rows[0].ID
	}
	return rows, newer, older, nil
}
