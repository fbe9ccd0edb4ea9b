package trello

import (
	"context"
	"fmt"
	"slices"

	trelloapi "github.com/adlio/trello"

	"registrar/workflows"
)

// PutCard updates card cardID (name, description, list; the role label is
// added when missing, organizers' labels are kept) or creates it when cardID
// is empty or Trello no longer has it. With lookFirst and no cardID, it
// first looks for a card whose description carries the registration's
// marker, so that retrying a create whose outcome was unknown finds the card
// instead of making a second one. It returns the card's ID.
func (b *Board) PutCard(ctx context.Context, cardID string, c workflows.Card, lookFirst bool) (string, error) {
	if c.RegistrationID == "" || c.List == "" {
		return "", workflows.Errorf(workflows.Invalid, "trello card for registration %q: registration ID and list are required", c.RegistrationID)
	}
	listID, err := b.listID(ctx, c.List)
	if err != nil {
		return "", fmt.Errorf("card for %s: %w", c.RegistrationID, err)
	}
	var labelID string
	if c.Label != "" {
		if labelID, err = b.labelID(ctx, c.Label); err != nil {
			return "", fmt.Errorf("card for %s: %w", c.RegistrationID, err)
		}
	}
	desc := c.Description
	if !workflows.HasCardMarker(desc, c.RegistrationID) {
		desc = workflows.CardDescription(desc, c.RegistrationID)
	}
	if cardID == "" && lookFirst {
		if cardID, err = b.findCard(ctx, c.RegistrationID); err != nil {
			return "", fmt.Errorf("look for the card of %s: %w", c.RegistrationID, err)
		}
	}
	if cardID != "" {
		gone, err := b.updateCard(ctx, cardID, c.Name, desc, listID, labelID)
		if err != nil {
			return "", fmt.Errorf("update card %s of %s: %w", cardID, c.RegistrationID, err)
		}
		if !gone {
			return cardID, b.checklistOf(ctx, cardID, c)
		}
	}
	card := &trelloapi.Card{Name: c.Name, Desc: desc, IDList: listID}
	if labelID != "" {
		card.IDLabels = []string{labelID}
	}
	err = b.do(ctx, "cards.create", func(api *trelloapi.Client) error {
		return api.CreateCard(card, trelloapi.Arguments{"pos": "bottom"})
	})
	if err != nil {
		return "", fmt.Errorf("create card for %s: %w", c.RegistrationID, err)
	}
	return card.ID, b.checklistOf(ctx, card.ID, c)
}

// checklistOf keeps the card's checklist when the card has one. The card's
// ID is returned with any error, so a retry updates this card.
func (b *Board) checklistOf(ctx context.Context, cardID string, c workflows.Card) error {
	if c.Checklist == nil {
		return nil
	}
	return b.putChecklist(ctx, cardID, c.Checklist)
}

// updateCard rewrites a card; gone reports that Trello has no such card.
func (b *Board) updateCard(ctx context.Context, cardID, name, desc, listID, labelID string) (gone bool, err error) {
	card := &trelloapi.Card{ID: cardID}
	err = b.do(ctx, "cards.update", func(api *trelloapi.Client) error {
		card.SetClient(api)
		err := card.Update(trelloapi.Arguments{"name": name, "desc": desc, "idList": listID})
		if trelloapi.IsNotFound(err) {
			gone = true
			return nil
		}
		return err
	})
	if err != nil || gone || labelID == "" || slices.Contains(card.IDLabels, labelID) {
		return gone, err
	}
	return false, b.do(ctx, "cards.addLabel", func(api *trelloapi.Client) error {
		card.SetClient(api)
		return card.AddIDLabel(labelID)
	})
}

// DeleteCard deletes a card; one already gone is not an error.
func (b *Board) DeleteCard(ctx context.Context, cardID string) error {
	if cardID == "" {
		return nil
	}
	err := b.do(ctx, "cards.delete", func(api *trelloapi.Client) error {
		card := &trelloapi.Card{ID: cardID}
		card.SetClient(api)
		if err := card.Delete(); err != nil && !trelloapi.IsNotFound(err) {
			return err
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete card %s: %w", cardID, err)
	}
	return nil
}

// cardPage is the most cards Trello returns for one board request.
const cardPage = 1000

// FindCard returns the ID of the card carrying the registration's marker, or
// "" when the board has none.
func (b *Board) FindCard(ctx context.Context, registrationID string) (string, error) {
	id, err := b.findCard(ctx, registrationID)
	if err != nil {
		return "", fmt.Errorf("find card of %s: %w", registrationID, err)
	}
	return id, nil
}

// findCard returns the ID of the open card whose description holds the
// registration's marker, or "". It reads the board's cards (ID, description
// and list only) rather than using Trello's search, whose index lags behind
// a card created seconds ago.
func (b *Board) findCard(ctx context.Context, registrationID string) (string, error) {
	before := ""
	for {
		args := trelloapi.Arguments{"fields": "id,desc,idList", "limit": fmt.Sprint(cardPage)}
		if before != "" {
			args["before"] = before
		}
		var page []*trelloapi.Card
		err := b.do(ctx, "cards.list", func(api *trelloapi.Client) error {
			return api.Get("boards/"+b.cfg.BoardID+"/cards", args, &page)
		})
		if err != nil {
			return "", err
		}
		for _, c := range page {
			if workflows.HasCardMarker(c.Desc, registrationID) {
				return c.ID, nil
			}
			if before == "" || c.ID < before {
				before = c.ID
			}
		}
		if len(page) < cardPage {
			return "", nil
		}
	}
}
