package sqlstore_test

import (
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// A stored date that does not read is an error, not a zero date that
// passes for "no date" (and makes an event start in year 1).
func TestBadStoredDateIsAnError(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := workflows.Event{ID: workflows.NewID(), Slug: "spring", Title: "Spring", Timezone: "UTC", StudentCapacity: 1,
			StartsOn: workflows.Date{Year: 2026, Month: 5, Day: 4}, EndsOn: workflows.Date{Year: 2026, Month: 5, Day: 6},
			Created: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
		if err := db.InTx(t.Context(), func(tx workflows.Tx) error { return tx.Events.CreateEvent(t.Context(), e) }); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SQL().ExecContext(t.Context(), `UPDATE events SET starts_on = '2026-13-45'`); err != nil {
			t.Fatal(err)
		}
		err := db.InTx(t.Context(), func(tx workflows.Tx) error {
			got, err := tx.Events.EventBySlug(t.Context(), "spring")
			if err == nil {
				t.Errorf("EventBySlug = %+v, nil; want an error for the stored date", got)
			}
			if all, err := tx.Events.ListEvents(t.Context()); err == nil {
				t.Errorf("ListEvents = %+v, nil; want an error for the stored date", all)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
