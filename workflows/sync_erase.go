package workflows

import (
	"context"
	"fmt"
)

// EraseRows deletes the spreadsheet rows of erased registrations: one
// delete per tab for the whole batch. A row that is gone already is fine.
func (s *Sync) EraseRows(ctx context.Context, jobs []JobRef) []JobResult {
	out := make([]JobResult, len(jobs))
	tabs := map[string][]int{}
	var order []string
	err := s.Store.InTx(ctx, func(tx Tx) error {
		for i, j := range jobs {
			er, err := tx.Erasures.ErasureByRegistration(ctx, j.Key)
			if err != nil {
				out[i].Err = err
				continue
			}
			ev, err := tx.Events.EventByID(ctx, er.EventID)
			if err != nil {
				out[i].Err = err
				continue
			}
			tab := SheetTab(ev.Slug, er.Role)
			if _, ok := tabs[tab]; !ok {
				order = append(order, tab)
			}
			tabs[tab] = append(tabs[tab], i)
		}
		return nil
	})
	if err != nil {
		for i := range out {
			out[i].Err = err
		}
		return out
	}
	for _, tab := range order {
		ids := make([]string, 0, len(tabs[tab]))
		for _, i := range tabs[tab] {
			ids = append(ids, jobs[i].Key)
		}
		err := s.Sheets.DeleteRows(ctx, tab, ids)
		if err != nil {
			err = fmt.Errorf("erase rows in %q: %w", tab, err)
		}
		for _, i := range tabs[tab] {
			out[i].Err = err
		}
	}
	return out
}

// EraseCard deletes an erased registration's card. When no card ID was
// recorded (its create's outcome was unknown at the erasure), the board is
// searched for the card's marker.
func (s *Sync) EraseCard(ctx context.Context, job JobRef) (string, error) {
	var er Erasure
	err := s.Store.InTx(ctx, func(tx Tx) error {
		var err error
		er, err = tx.Erasures.ErasureByRegistration(ctx, job.Key)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("erasure of %s: %w", job.Key, err)
	}
	cardID := er.CardID
	if cardID == "" {
		if cardID, err = s.Board.FindCard(ctx, job.Key); err != nil || cardID == "" {
			return "", err
		}
	}
	if err := s.Board.DeleteCard(ctx, cardID); err != nil {
		return "", fmt.Errorf("erase card of %s: %w", job.Key, err)
	}
	return cardID, nil
}
