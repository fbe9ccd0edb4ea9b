package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestEraseRemovesThePersonEverywhere erases a student who has two
// registrations, a session, an unused sign-in link, emails in the dev
// mailbox, sync jobs and lines in the audit log, then reads every table of
// the database for any trace of them, and checks the deletion jobs for
// their spreadsheet rows and Trello cards.
func TestEraseRemovesThePersonEverywhere(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0, withMirrors(workflows.JobSheetRow, workflows.JobTrelloCard))
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		app.register(t, "big", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		app.register(t, "spring", workflows.RoleStudent, "Bob Babbage", "bob@example.org") // waitlisted
		org := app.signInOrganizer(t, "olga@example.org")
		adaID := app.personID(t, "ada@example.org")
		spring := app.registrationID(t, org, "spring", "ada@example.org")
		big := app.registrationID(t, org, "big", "ada@example.org")
		if w := org.post(t, "/admin/registrations/"+spring+"/accept", nil); w.Code != http.StatusSeeOther {
			t.Fatalf("accept: status %d", w.Code)
		}
		ada := app.signIn(t, "ada@example.org")
		app.requestLogin(t, app.client(), "ada@example.org") // a link never used
		app.cardsMade(t, map[string]string{spring: "card-spring"})
		if err := db.PutDevMessage(t.Context(), workflows.Message{ID: "dev-ada", To: "ada@example.org", Subject: "Hello Ada Lovelace",
			HTML: "<p>Hello</p>", Text: "Hello"}, app.clock.Now()); err != nil {
			t.Fatal(err)
		}

		person := "/admin/people/" + adaID
		if w := org.post(t, person+"/erase", url.Values{"confirm": {"bob@example.org"}}); w.Code != http.StatusUnprocessableEntity ||
			doc(t, w).Find(`[data-testid="error-confirm"]`).Length() != 1 {
			t.Fatalf("erase with the wrong address typed: status %d, want 422", w.Code)
		}
		w := org.post(t, person+"/erase", url.Values{"confirm": {" ADA@example.org "}})
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/admin" {
			t.Fatalf("erase: status %d to %q", w.Code, w.Header().Get("Location"))
		}

		dump, err := sqlstoretest.Dump(t.Context(), db)
		if err != nil {
			t.Fatal(err)
		}
		for table, rows := range dump {
			for _, row := range rows {
				for _, cell := range row {
					for _, trace := range []string{adaID, "ada@example.org", "Ada Lovelace"} {
						if strings.Contains(cell, trace) {
							t.Errorf("%s still holds %q: %q", table, trace, row)
						}
					}
				}
			}
		}
		jobs := map[string]string{} // kind key → state
		for _, r := range dump["jobs"] {
			jobs[r[0]+" "+r[1]] = r[2]
		}
		for _, key := range []string{spring, big} {
			for _, kind := range []workflows.JobKind{workflows.JobSheetErase, workflows.JobTrelloErase} {
				if jobs[string(kind)+" "+key] != "queued" {
					t.Errorf("no queued %s job for registration %s", kind, key)
				}
			}
			for _, kind := range []workflows.JobKind{workflows.JobSheetRow, workflows.JobTrelloCard} {
				if _, ok := jobs[string(kind)+" "+key]; ok {
					t.Errorf("%s job for erased registration %s is still there: it would write the data back", kind, key)
				}
			}
		}
		var erasures []string
		for _, r := range dump["erasures"] {
			erasures = append(erasures, strings.Join(r[:4], " "))
		}
		if !slices.ContainsFunc(erasures, func(s string) bool {
			return strings.HasPrefix(s, spring+" ") && strings.HasSuffix(s, " student card-spring")
		}) {
			t.Errorf("erasures %q: want the spring registration with its card ID", erasures)
		}
		if w := ada.get(t, "/me"); w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login") {
			t.Errorf("the erased person's session: status %d to %q, want signed out", w.Code, w.Header().Get("Location"))
		}
		if s := app.statuses(t, org, "spring")["bob@example.org"]; s != "confirmed" {
			t.Errorf("bob is %s, want the freed seat", s)
		}
		if w := org.get(t, person); w.Code != http.StatusNotFound {
			t.Errorf("the erased person's page: status %d, want 404", w.Code)
		}
		if doc(t, org.get(t, "/admin/audit")).Find(`[data-action="person.erase"]`).Length() != 1 {
			t.Errorf("the erasure is not in the audit log")
		}
	})
}

// cardsMade plays the Trello worker: every due card job succeeds, with the
// card ID given for its registration.
func (a *testApp) cardsMade(t testing.TB, ids map[string]string) {
	t.Helper()
	jobs, err := a.db.Claim(t.Context(), workflows.JobTrelloCard, 100, a.clock.Now(), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		card := ids[j.Key]
		if card == "" {
			card = "card-" + j.Key
		}
		if err := sqlstoretest.CompleteJob(t.Context(), a.db, j, card, a.clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
}
