package main

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/trello"
	"registrar/integrations/trello/trellotest"
	"registrar/web/emails"
	"registrar/workflows"
)

// Mentoring in the sync acceptance test: accepting, pairing, steps and
// check-ins made through the use cases while the vendors fail, and what the
// sheet's mentoring columns and the cards' checklists must show after.

// mentorAll accepts up to perEvent confirmed students of each sync event,
// pairs everyone with their first suggestion, then ticks some steps and
// records this week's check-in for each pairing. It returns how many
// students were paired.
func mentorAll(tb testing.TB, app *App, perEvent int) int {
	tb.Helper()
	ctx := tb.Context()
	svc := workflows.NewServices(workflows.Deps{Store: app.DB, Clock: app.Clock, Emails: emails.New(app.Config.BaseURL), Links: links{app.Config.BaseURL},
		Mirrors: []workflows.JobKind{workflows.JobSheetRow, workflows.JobTrelloCard}})
	org := workflows.Viewer{PersonID: "sync-test-organizer", Name: "Sync test", Organizer: true}
	paired := 0
	for _, e := range syncEvents {
		list, err := svc.Reviews.Registrations(ctx, org, e.Slug, workflows.RegistrationFilter{Role: workflows.RoleStudent, Status: workflows.StatusConfirmed})
		if err != nil {
			tb.Fatal(err)
		}
		for _, r := range list.Rows[:min(perEvent, len(list.Rows))] {
			if _, err := svc.Reviews.Accept(ctx, org, r.ID); err != nil {
				tb.Fatalf("accept %s: %v", r.ID, err)
			}
		}
		res, err := svc.Pairings.PairAll(ctx, org, e.Slug)
		if err != nil {
			tb.Fatalf("pair all in %s: %v", e.Slug, err)
		}
		paired += res.Paired
		board, err := svc.Pairings.Board(ctx, org, e.Slug)
		if err != nil {
			tb.Fatal(err)
		}
		for i, p := range board.Current {
			keys := []string{workflows.StepLaunchpadAccount, workflows.StepIRCAndLists, workflows.StepGitConfigured}
			for _, key := range keys[:1+i%len(keys)] {
				if _, err := svc.Checklists.MarkMentee(ctx, org, p.ID, key, workflows.StepMark{Done: true}); err != nil {
					tb.Fatalf("mark %s of pairing %s: %v", key, p.ID, err)
				}
			}
			if i%2 == 0 {
				in := workflows.CheckInInput{Met: "yes", State: string(workflows.CheckInOnTrack), Notes: "Set up the accounts."}
				if _, err := svc.CheckIns.Record(ctx, org, p.ID, in); err != nil {
					tb.Fatalf("check-in of pairing %s: %v", p.ID, err)
				}
			}
		}
	}
	return paired
}

// mentoringWant is what the mirrors must show of a student's mentoring.
type mentoringWant struct {
	columns []string // Mentor, Steps done, Last check-in
	items   []trellotest.CheckItem
	active  bool
}

// wantMentoring reads a student's mentoring from the database.
func wantMentoring(tb testing.TB, db *sqlstore.DB, r workflows.RegistrationDetail) mentoringWant {
	tb.Helper()
	var w mentoringWant
	err := db.InTx(tb.Context(), func(tx workflows.Tx) error {
		steps, err := tx.Steps.StepsOfEvent(tb.Context(), r.EventID)
		if err != nil {
			return err
		}
		done, err := tx.Steps.ProgressOf(tb.Context(), r.ID)
		if err != nil {
			return err
		}
		for _, s := range steps {
			w.items = append(w.items, trellotest.CheckItem{Name: s.Title,
				Done: slices.ContainsFunc(done, func(p workflows.StepProgress) bool { return p.Key == s.Key })})
		}
		n, total := workflows.ProgressCount(steps, done)
		mentor, last := "", ""
		if p, err := tx.Pairings.OpenPairingOfStudent(tb.Context(), r.ID); err == nil {
			m, err := tx.Registrations.RegistrationByID(tb.Context(), p.MentorID)
			if err != nil {
				return err
			}
			mentor = m.Person.Name
			cs, err := tx.CheckIns.CheckInsOfPairing(tb.Context(), p.ID)
			if err != nil {
				return err
			}
			if len(cs) > 0 {
				loc, _ := time.LoadLocation(r.Event.Timezone)
				last = cs[0].Created.In(loc).Format(time.DateOnly)
			}
		} else if workflows.KindOf(err) != workflows.NotFound {
			return err
		}
		w.columns = []string{mentor, fmt.Sprintf("%d/%d", n, total), last}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	w.active = r.Status == workflows.StatusActive || r.Status == workflows.StatusCompleted
	return w
}

// checkMentoring checks a student's row ends with its mentoring columns and
// its card carries the steps exactly once (one checklist, one item per
// step, ticked as done) when mentoring has started, and no checklist before.
func checkMentoring(tb testing.TB, db *sqlstore.DB, fakes vendorFakes, r workflows.RegistrationDetail, row []string, card trellotest.Card) {
	tb.Helper()
	if r.Role != workflows.RoleStudent {
		return
	}
	w := wantMentoring(tb, db, r)
	cols := len(workflows.SheetHeader(workflows.RoleStudent))
	for len(row) < cols { // Sheets leaves trailing empty cells out
		row = append(row, "")
	}
	if len(row) != cols || !slices.Equal(row[cols-3:], w.columns) {
		tb.Errorf("registration %s: row %q, want it to end with %q", r.ID, row, w.columns)
	}
	lists := fakes.trello.Checklists(card.ID)
	switch {
	case !w.active && len(lists) != 0:
		tb.Errorf("registration %s (%s): %d checklists on its card, want none before mentoring", r.ID, r.Status, len(lists))
	case w.active && (len(lists) != 1 || lists[0].Name != trello.ChecklistName):
		tb.Errorf("registration %s: checklists %+v, want exactly one %q", r.ID, lists, trello.ChecklistName)
	case w.active && !slices.Equal(lists[0].Items, w.items):
		tb.Errorf("registration %s: checklist %+v, want %+v", r.ID, lists[0].Items, w.items)
	}
}
