package workflows

import (
	"context"
	"errors"
	"fmt"
	"iter"
)

// RegistrationExport is an event's registrations for the CSV download. Rows
// reads them as it is ranged over, so the download's memory does not grow
// with the event.
type RegistrationExport struct {
	Event Event
	Total int // registrations when the export was recorded
	// Rows yields every registration in sign-up order, from one snapshot,
	// with its waitlist place; an error ends it.
	Rows iter.Seq2[ExportRow, error]
}

// ExportRow is one registration of an export.
type ExportRow struct {
	RegistrationDetail
	Place int // 1-based place in its role's waitlist; 0 when not waitlisted
}

// errStopped ends a read early when the consumer of Rows stops ranging.
var errStopped = errors.New("export stopped by its reader")

// ExportRegistrations records that an organizer downloads an event's
// registrations and returns them to be read row by row.
func (a *Reviews) ExportRegistrations(ctx context.Context, v Viewer, slug string) (RegistrationExport, error) {
	if err := v.organizer(); err != nil {
		return RegistrationExport{}, err
	}
	now := a.Clock.Now()
	var out RegistrationExport
	err := a.Store.InTx(ctx, func(tx Tx) error {
		e, err := eventNamed(ctx, tx.Events, slug)
		if err != nil {
			return err
		}
		counts, err := tx.Lists.EventCounts(ctx, e.ID)
		if err != nil {
			return err
		}
		out.Event = e
		for _, c := range counts {
			out.Total += c.N
		}
		return audit(ctx, tx.Audit, v, now, AuditEntry{Action: AuditRegistrationsCSV, EventID: e.ID,
			Detail: fmt.Sprintf("Downloaded the %d registrations of %s as CSV.", out.Total, e.Title)})
	})
	if err != nil {
		return RegistrationExport{}, err
	}
	out.Rows = func(yield func(ExportRow, error) bool) {
		err := a.Store.View(ctx, func(tx Tx) error {
			place := map[string]int{} // the waitlisted only
			for _, role := range []Role{RoleStudent, RoleMentor} {
				ids, err := tx.Lists.WaitlistIDs(ctx, out.Event.ID, role)
				if err != nil {
					return err
				}
				for i, id := range ids {
					place[id] = i + 1
				}
			}
			return tx.Lists.EachRegistration(ctx, out.Event.ID, func(d RegistrationDetail) error {
				if !yield(ExportRow{RegistrationDetail: d, Place: place[d.ID]}, nil) {
					return errStopped
				}
				return nil
			})
		})
		if err != nil && !errors.Is(err, errStopped) {
			yield(ExportRow{}, err)
		}
	}
	return out, nil
}
