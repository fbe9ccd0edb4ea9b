package main

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"registrar/integrations/jobs"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

// TestEraseDeletesRowsAndCards erases a person with two registrations and
// checks, against the fakes, that their rows and cards are deleted and
// nobody else's.
func TestEraseDeletesRowsAndCards(t *testing.T) {
	sqlstoretest.EachURL(t, func(t *testing.T, dbURL string) {
		fakes := newVendorFakes(t)
		clock := workflowstest.NewClock(time.Now())
		app := serveAppAt(t, dbURL, clock, AppOptions{Runner: jobs.Options{Poll: 20 * time.Millisecond},
			HTTPClient: &http.Client{Timeout: 5 * time.Second}}, fakes.env()...)
		events := &workflows.Events{Store: app.DB, Clock: clock}
		for _, slug := range []string{"spring", "autumn"} {
			if _, err := events.Create(t.Context(), workflows.EventInput{Slug: slug, Title: slug, StartsOn: "2030-05-04",
				EndsOn: "2030-05-05", StudentCapacity: 5, MentorCapacity: 1}); err != nil {
				t.Fatal(err)
			}
		}
		signUp := func(slug, email string) {
			t.Helper()
			resp, err := http.PostForm(app.URL+"/events/"+slug+"/students", url.Values{"name": {"Someone"}, "email": {email}, "timezone": {"UTC"}})
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
		}
		signUp("spring", "ada@example.org")
		signUp("autumn", "ada@example.org")
		signUp("spring", "bob@example.org")
		eventually(t, "three rows and three cards", func() bool {
			return len(fakes.sheets.Rows("spring students"))+len(fakes.sheets.Rows("autumn students")) == 3+2 && len(fakes.trello.Cards()) == 3
		})

		orgs := &workflows.Organizers{Store: app.DB, Clock: clock, Links: links{app.URL}}
		if _, err := orgs.Add(t.Context(), "org@example.org"); err != nil {
			t.Fatal(err)
		}
		var ada, org workflows.Person
		_ = app.DB.InTx(t.Context(), func(tx workflows.Tx) error {
			ada, _ = tx.People.PersonByEmail(t.Context(), "ada@example.org")
			org, _ = tx.People.PersonByEmail(t.Context(), "org@example.org")
			return nil
		})
		admin := &workflows.PeopleAdmin{Deps: workflows.Deps{Store: app.DB, Clock: clock}}
		organizer := workflows.Viewer{PersonID: org.ID, Organizer: true, Name: "Org", SignedInAt: clock.Now()}
		if _, err := admin.Erase(t.Context(), organizer, ada.ID, "ada@example.org"); err != nil {
			t.Fatalf("erase: %v", err)
		}
		clock.Advance(2 * time.Minute) // the erasers wait a minute for sync writes in flight
		eventually(t, "Ada's rows and cards to go", func() bool {
			return len(fakes.sheets.Rows("spring students")) == 1+1 && len(fakes.sheets.Rows("autumn students")) == 1 && len(fakes.trello.Cards()) == 1
		})
		if rows := fakes.sheets.Rows("spring students"); rows[1][4] != "bob@example.org" {
			t.Errorf("remaining row = %v, want Bob's", rows[1])
		}
	})
}
