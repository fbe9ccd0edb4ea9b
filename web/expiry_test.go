package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestUnconfirmedSignupsExpire: a sign-up nobody confirms is gone after 7
// days, with its person when they have nothing else, and the mirrors are
// told to delete their copies; confirmed data stays.
func TestUnconfirmedSignupsExpire(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0, withMirrors(workflows.JobSheetRow, workflows.JobTrelloCard))
		app.post(t, "/events/spring/students", studentForm(set("email", "stranger@example.org"), set("name", "Typed By Someone")))
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		if w := app.post(t, "/events/big/students", studentForm()); w.Code != http.StatusSeeOther { // never confirmed
			t.Fatalf("sign up: status %d", w.Code)
		}
		expire := func() int {
			n, err := app.srv.Signups.(*workflows.Signups).ExpireUnconfirmed(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		app.clock.Advance(6 * 24 * time.Hour)
		if n := expire(); n != 0 || app.count(t, "registrations") != 3 {
			t.Fatalf("after 6 days: %d expired, %d registrations left; want none expired", n, app.count(t, "registrations"))
		}
		app.clock.Advance(26 * time.Hour)
		if n := expire(); n != 2 {
			t.Fatalf("after 7 days: %d expired, want 2", n)
		}
		if n := app.count(t, "registrations"); n != 1 {
			t.Fatalf("%d registrations left, want Ada's confirmed one", n)
		}
		dump, err := sqlstoretest.Dump(t.Context(), db)
		if err != nil {
			t.Fatal(err)
		}
		for table, rows := range dump {
			for _, row := range rows {
				if strings.Contains(strings.Join(row, " "), "stranger@example.org") || strings.Contains(strings.Join(row, " "), "Typed By Someone") {
					t.Errorf("table %s still holds the expired person: %q", table, row)
				}
			}
		}
		if n := len(dump["erasures"]); n != 2 {
			t.Errorf("%d erasures queued for the mirrors, want one per expired registration", n)
		}
		erase := 0
		for _, row := range dump["jobs"] {
			for _, cell := range row {
				if cell == string(workflows.JobSheetErase) || cell == string(workflows.JobTrelloErase) {
					erase++
				}
			}
		}
		if erase != 4 {
			t.Errorf("%d sheet and card deletion jobs, want 4 (two per expired registration)", erase)
		}
		org := app.signInOrganizer(t, "olga@example.org")
		if w := org.get(t, "/admin/people/"+app.personID(t, "ada@example.org")); w.Code != http.StatusOK {
			t.Fatalf("Ada's person page: status %d", w.Code)
		}
	})
}

// TestTwoExpiryPassesAtOnce: two instances' passes over the same expired
// sign-ups (each finds them on its own snapshot) expire each once, and
// neither fails on a person the other erased first.
func TestTwoExpiryPassesAtOnce(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		for i := range 6 {
			app.post(t, "/events/spring/students", studentForm(set("email", fmt.Sprintf("typed%d@example.org", i))))
		}
		app.clock.Advance(8 * 24 * time.Hour)
		signups := app.srv.Signups.(*workflows.Signups)
		var wg sync.WaitGroup
		var mu sync.Mutex
		total := 0
		for range 2 {
			wg.Go(func() {
				n, err := signups.ExpireUnconfirmed(t.Context())
				if err != nil {
					t.Errorf("expiry pass: %v", err)
				}
				mu.Lock()
				total += n
				mu.Unlock()
			})
		}
		wg.Wait()
		if total != 6 || app.count(t, "registrations") != 0 {
			t.Errorf("%d expired by the two passes, %d registrations left; want 6 and none", total, app.count(t, "registrations"))
		}
	})
}
