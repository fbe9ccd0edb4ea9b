package main

import (
	"maps"
	"regexp"
	"slices"
	"testing"
	"time"

	"registrar/integrations/jobs"
	"registrar/integrations/mailgun"
	"registrar/integrations/sheets/sheetstest"
	"registrar/integrations/sqlstore"
	"registrar/integrations/trello/trellotest"
	"registrar/workflows"
)

// Waiting for the outbox to drain, and checking the mirrors against the
// database, for the sync acceptance tests.

// outboxStats reads the outbox through a handle of its own, as an operator
// would while no app runs.
func outboxStats(tb testing.TB, dbURL string) []jobs.Stats {
	tb.Helper()
	db, err := sqlstore.Open(tb.Context(), dbURL)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	stats, err := db.Stats(tb.Context(), time.Now())
	if err != nil {
		tb.Fatal(err)
	}
	return stats
}

// outboxJobs returns the queued jobs of every registration and email, by
// kind and key, through a handle of its own.
func outboxJobs(tb testing.TB, dbURL string) map[string]workflows.JobStatus {
	tb.Helper()
	db, err := sqlstore.Open(tb.Context(), dbURL)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var keys []string
	for _, r := range readRegistrations(tb, db) {
		keys = append(keys, r.ID)
		for _, e := range r.emails {
			keys = append(keys, e.ID)
		}
	}
	out := map[string]workflows.JobStatus{}
	for k, j := range outboxJobsOf(tb, db, keys) {
		if j.State == workflows.JobQueued {
			out[k] = j
		}
	}
	return out
}

// outboxJobsOf returns the jobs of keys by "kind key".
func outboxJobsOf(tb testing.TB, db *sqlstore.DB, keys []string) map[string]workflows.JobStatus {
	tb.Helper()
	out := map[string]workflows.JobStatus{}
	err := db.InTx(tb.Context(), func(tx workflows.Tx) error {
		jobs, err := tx.Jobs.JobsFor(tb.Context(), keys)
		for _, j := range jobs {
			out[string(j.Kind)+" "+j.Key] = j
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// syncedRegistration is a registration with its emails, as the database has them.
type syncedRegistration struct {
	workflows.RegistrationDetail
	emails []workflows.Email
}

func readRegistrations(tb testing.TB, db *sqlstore.DB) []syncedRegistration {
	tb.Helper()
	var out []syncedRegistration
	err := db.InTx(tb.Context(), func(tx workflows.Tx) error {
		events, err := tx.Events.ListEvents(tb.Context())
		if err != nil {
			return err
		}
		for _, ev := range events {
			regs, err := tx.Registrations.RegistrationsOfEvent(tb.Context(), ev.ID)
			if err != nil {
				return err
			}
			for _, r := range regs {
				emails, err := tx.Emails.EmailsOfPerson(tb.Context(), r.PersonID)
				if err != nil {
					return err
				}
				out = append(out, syncedRegistration{RegistrationDetail: r, emails: emails})
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("read registrations: %v", err)
	}
	return out
}

// syncReport sums up what checkMirrors found.
type syncReport struct {
	registrations, confirmed, waitlisted int
	accepted, active                     int // mentoring started during the faults
	emails, messages, duplicates         int
}

func (r syncReport) log(tb testing.TB) {
	tb.Helper()
	tb.Logf("%d registrations (%d confirmed, %d waitlisted, %d accepted, %d in mentoring): checked; %d emails, %d copies received at Mailgun, %d duplicates",
		r.registrations, r.confirmed, r.waitlisted, r.accepted, r.active, r.emails, r.messages, r.duplicates)
}

var markerPattern = regexp.MustCompile(`registrar:([A-Za-z0-9_-]+)`)

// checkMirrors checks every registration in the database against the fakes:
// exactly one row in its tab with its status, exactly one open card in the
// list for its status, the card ID kept by its job, and each of its emails
// accepted by Mailgun exactly once, the confirmation among them. Nothing
// else is in the sheet, on the board or at Mailgun.
func checkMirrors(tb testing.TB, db *sqlstore.DB, fakes vendorFakes) syncReport {
	tb.Helper()
	regs := readRegistrations(tb, db)
	rep := syncReport{registrations: len(regs)}
	tabs := map[string][][]string{}
	cards := map[string][]trellotest.Card{}
	for _, c := range fakes.trello.Cards() {
		for _, m := range markerPattern.FindAllStringSubmatch(c.Desc, -1) {
			cards[m[1]] = append(cards[m[1]], c)
		}
	}
	sent := map[string]int{} // copies received at Mailgun per email ID, batches counted per recipient
	copies := fakes.mail.Copies()
	for _, c := range copies {
		sent[c.Variables[mailgun.VariableEmailID]]++
	}
	rep.messages = len(copies)
	var regIDs []string
	for _, r := range regs {
		regIDs = append(regIDs, r.ID)
	}
	jobs := outboxJobsOf(tb, db, regIDs)
	ids := map[string]bool{}
	for _, r := range regs {
		ids[r.ID] = true
		switch r.Status {
		case workflows.StatusConfirmed:
			rep.confirmed++
		case workflows.StatusWaitlisted:
			rep.waitlisted++
		case workflows.StatusAccepted:
			rep.accepted++
		case workflows.StatusActive:
			rep.active++
		}
		tab := workflows.SheetTab(r.Event.Slug, r.Role)
		rows, ok := tabs[tab]
		if !ok {
			rows = fakes.sheets.Rows(tab)
			tabs[tab] = rows
		}
		var mine [][]string
		for _, row := range rows {
			if len(row) > 0 && row[0] == r.ID {
				mine = append(mine, row)
			}
		}
		switch {
		case len(mine) != 1:
			tb.Errorf("registration %s: %d rows in tab %q, want 1", r.ID, len(mine), tab)
		case len(mine[0]) < 3 || mine[0][2] != r.Status.Label():
			tb.Errorf("registration %s: row %q, want status %s in column C", r.ID, mine[0], r.Status)
		}

		mc := cards[r.ID]
		switch {
		case len(mc) != 1:
			tb.Errorf("registration %s: %d cards with its marker, want 1", r.ID, len(mc))
		case mc[0].Closed || mc[0].List != workflows.TrelloList(r.Status):
			tb.Errorf("registration %s (%s): card in list %q (closed %v), want open in %q", r.ID, r.Status, mc[0].List, mc[0].Closed, workflows.TrelloList(r.Status))
		default:
			if j := jobs[string(workflows.JobTrelloCard)+" "+r.ID]; j.ExternalID != mc[0].ID {
				tb.Errorf("registration %s: its job keeps card ID %q, the card is %q", r.ID, j.ExternalID, mc[0].ID)
			}
			if len(mine) == 1 {
				checkMentoring(tb, db, fakes, r.RegistrationDetail, mine[0], mc[0])
			}
		}

		confirmation := 0
		for _, e := range r.emails {
			rep.emails++
			if e.Kind == workflows.EmailConfirmSignup {
				confirmation++
			}
			if e.Status != workflows.EmailSent {
				tb.Errorf("email %s (%s) to %s: status %s, want sent", e.ID, e.Kind, r.ID, e.Status)
			}
			switch n := sent[e.ID]; {
			case n == 0:
				tb.Errorf("email %s (%s) of registration %s never reached Mailgun", e.ID, e.Kind, r.ID)
			case n > 1:
				rep.duplicates += n - 1
			}
			delete(sent, e.ID)
		}
		if confirmation != 1 {
			tb.Errorf("registration %s: %d confirmation emails, want 1", r.ID, confirmation)
		}
	}
	for tab, rows := range tabs {
		for _, row := range rows[1:] {
			if len(row) == 0 || !ids[row[0]] {
				tb.Errorf("tab %q: a row of no registration: %q", tab, row)
			}
		}
	}
	if got := slices.Sorted(maps.Keys(tabs)); len(fakes.sheets.Tabs()) != len(got)+1 { // + "Sheet1"
		tb.Errorf("tabs %q, want Sheet1 and %q", fakes.sheets.Tabs(), got)
	}
	for id, cs := range cards {
		if !ids[id] {
			tb.Errorf("%d cards of no registration (marker registrar:%s)", len(cs), id)
		}
	}
	if total := len(fakes.trello.Cards()); total != len(regs) {
		tb.Errorf("%d cards on the board, want %d", total, len(regs))
	}
	for id, n := range sent {
		tb.Errorf("%d copies received at Mailgun of no email we queued (%s=%q)", n, mailgun.VariableEmailID, id)
	}
	if rep.duplicates > 0 {
		tb.Errorf("%d duplicate emails got through, want 0: every retry after an unknown outcome looks for the earlier send first", rep.duplicates)
	}
	return rep
}

// sheetRows counts the data rows of every tab.
func sheetRows(s *sheetstest.Server) int {
	n := 0
	for _, tab := range s.Tabs() {
		if rows := s.Rows(tab); len(rows) > 1 {
			n += len(rows) - 1
		}
	}
	return n
}
