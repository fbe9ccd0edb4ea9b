package trello

import (
	"context"
	"fmt"

	trelloapi "github.com/adlio/trello"

	"registrar/workflows"
)

// ChecklistName is the name of the checklist the board keeps on a card.
const ChecklistName = "Contributor steps"

// putChecklist makes the card's "Contributor steps" checklist hold exactly
// items, in state. It reads the card's checklists first and writes only the
// differences, so a retry after an unknown outcome (a create that happened
// unseen) finds what was made instead of making it twice.
func (b *Board) putChecklist(ctx context.Context, cardID string, items []workflows.CheckItem) error {
	var lists []*trelloapi.Checklist
	err := b.do(ctx, "checklists.list", func(api *trelloapi.Client) error {
		return api.Get("cards/"+cardID+"/checklists", trelloapi.Arguments{"checkItem_fields": "name,state"}, &lists)
	})
	if err != nil {
		return fmt.Errorf("read checklists of card %s: %w", cardID, err)
	}
	var ours *trelloapi.Checklist
	for _, cl := range lists {
		if cl.Name == ChecklistName {
			ours = cl
			break
		}
	}
	if ours == nil {
		err := b.do(ctx, "checklists.create", func(api *trelloapi.Client) error {
			var e error
			ours, e = api.CreateChecklist(&trelloapi.Card{ID: cardID}, ChecklistName)
			return e
		})
		if err != nil {
			return fmt.Errorf("create checklist on card %s: %w", cardID, err)
		}
	}
	have := map[string]trelloapi.CheckItem{}
	for _, it := range ours.CheckItems {
		have[it.Name] = it
	}
	want := map[string]bool{}
	for _, it := range items {
		want[it.Name] = true
		if err := b.putCheckItem(ctx, cardID, ours.ID, have, it); err != nil {
			return err
		}
	}
	for name, it := range have { // steps organizers removed or renamed
		if want[name] {
			continue
		}
		err := b.do(ctx, "checkItems.delete", func(api *trelloapi.Client) error {
			return api.Delete("checklists/"+ours.ID+"/checkItems/"+it.ID, trelloapi.Arguments{}, &map[string]any{})
		})
		if err != nil {
			return fmt.Errorf("delete check item %q of card %s: %w", name, cardID, err)
		}
	}
	return nil
}

// putCheckItem adds the item, or sets its state when it differs.
func (b *Board) putCheckItem(ctx context.Context, cardID, checklistID string, have map[string]trelloapi.CheckItem, it workflows.CheckItem) error {
	state := "incomplete"
	if it.Done {
		state = "complete"
	}
	cur, ok := have[it.Name]
	switch {
	case !ok:
		err := b.do(ctx, "checkItems.create", func(api *trelloapi.Client) error {
			_, e := api.CreateCheckItem(&trelloapi.Checklist{ID: checklistID}, it.Name, trelloapi.Arguments{"checked": fmt.Sprint(it.Done)})
			return e
		})
		if err != nil {
			return fmt.Errorf("add check item %q to card %s: %w", it.Name, cardID, err)
		}
	case cur.State != state:
		err := b.do(ctx, "checkItems.update", func(api *trelloapi.Client) error {
			return api.Put("cards/"+cardID+"/checkItem/"+cur.ID, trelloapi.Arguments{"state": state}, &map[string]any{})
		})
		if err != nil {
			return fmt.Errorf("tick check item %q of card %s: %w", it.Name, cardID, err)
		}
	}
	return nil
}
