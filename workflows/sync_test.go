package workflows_test

import (
	"fmt"
	"strings"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

func TestSyncWritesRowsPerTabAndCardsFollowStatus(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 1, 1)
		sheet, board := workflowstest.NewSheet(), workflowstest.NewBoard()
		sync := &workflows.Sync{Store: db, Sheets: sheet, Board: board}
		var jobs []workflows.JobRef
		for i := range 3 {
			out, err := f.signups.SignUp(t.Context(), student("spring", fmt.Sprintf("s%d@example.org", i)))
			if err != nil {
				t.Fatal(err)
			}
			jobs = append(jobs, workflows.JobRef{Kind: workflows.JobSheetRow, Key: out.RegistrationID, Attempt: 1})
		}
		mentor := workflows.SignupInput{EventSlug: "spring", Role: workflows.RoleMentor, Name: "Grace", Email: "grace@example.org",
			Company: "Navy", Timezone: "UTC", Projects: "nova", MaxMentees: "2"}
		m, err := f.signups.SignUp(t.Context(), mentor)
		if err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, workflows.JobRef{Kind: workflows.JobSheetRow, Key: m.RegistrationID, Attempt: 1})

		for i, res := range sync.Rows(t.Context(), jobs) {
			if res.Err != nil {
				t.Fatalf("job %d: %v", i, res.Err)
			}
		}
		if sheet.Writes != 2 {
			t.Errorf("sheet writes = %d, want one per tab (2)", sheet.Writes)
		}
		row, ok := sheet.Row("spring mentors", m.RegistrationID)
		if !ok || row[1] != "Awaiting confirmation" || row[2] != "Grace" || row[len(row)-1] != "2" {
			t.Errorf("mentor row = %v", row)
		}

		id, err := sync.Card(t.Context(), workflows.JobRef{Kind: workflows.JobTrelloCard, Key: m.RegistrationID, Attempt: 1})
		if err != nil {
			t.Fatal(err)
		}
		// A retry after an unknown outcome finds the card instead of making another.
		again, err := sync.Card(t.Context(), workflows.JobRef{Kind: workflows.JobTrelloCard, Key: m.RegistrationID, Attempt: 2})
		if err != nil || again != id {
			t.Fatalf("retry gave card %q (%v), want %q", again, err, id)
		}
		card := board.Cards()[id]
		if card.Name != "Grace — Navy" || card.List != "Awaiting confirmation" || card.Label != "mentor" ||
			!strings.Contains(card.Description, workflows.CardMarker(m.RegistrationID)) {
			t.Errorf("card = %+v", card)
		}
		if len(board.Cards()) != 1 {
			t.Errorf("cards = %d, want 1", len(board.Cards()))
		}
	})
}
