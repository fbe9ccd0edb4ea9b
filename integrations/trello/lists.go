package trello

import (
	"context"
	"fmt"

	trelloapi "github.com/adlio/trello"

	"registrar/workflows"
)

// listID returns the ID of the open list called name. The first time a list
// is missing, the board's lists are read and every status list it lacks is
// created, in order, so the board reads left to right as statuses advance.
func (b *Board) listID(ctx context.Context, name string) (string, error) {
	if id, ok := b.cached(b.lists, name); ok {
		return id, nil
	}
	if err := b.take(ctx); err != nil {
		return "", err
	}
	defer b.release()
	if id, ok := b.cached(b.lists, name); ok {
		return id, nil
	}
	board := &trelloapi.Board{ID: b.cfg.BoardID}
	var lists []*trelloapi.List
	err := b.do(ctx, "lists.list", func(api *trelloapi.Client) error {
		board.SetClient(api)
		var err error
		lists, err = board.GetLists(trelloapi.Arguments{"fields": "id,name,closed"})
		return err
	})
	if err != nil {
		return "", fmt.Errorf("read lists: %w", err)
	}
	found := map[string]string{}
	for _, l := range lists {
		if _, dup := found[l.Name]; !dup && !l.Closed {
			found[l.Name] = l.ID
		}
	}
	for _, want := range append(workflows.TrelloLists(), name) {
		if _, ok := found[want]; ok {
			continue
		}
		if id, ok := aliasID(found, want); ok {
			found[want] = id // a board set up before the lists were renamed
			continue
		}
		var list *trelloapi.List
		err := b.do(ctx, "lists.create", func(api *trelloapi.Client) error {
			var err error
			list, err = api.CreateList(board, want, trelloapi.Arguments{"pos": "bottom"})
			return err
		})
		if err != nil {
			return "", fmt.Errorf("create list %q: %w", want, err)
		}
		found[want] = list.ID
	}
	b.store(b.lists, found)
	return found[name], nil
}

// aliasID finds the list a board set up earlier has for want, under an
// older name.
func aliasID(found map[string]string, want string) (string, bool) {
	for _, alias := range workflows.TrelloListAliases(want) {
		if id, ok := found[alias]; ok {
			return id, true
		}
	}
	return "", false
}

// labelID returns the ID of the board label called name, creating it when
// the board has none.
func (b *Board) labelID(ctx context.Context, name string) (string, error) {
	if id, ok := b.cached(b.labels, name); ok {
		return id, nil
	}
	if err := b.take(ctx); err != nil {
		return "", err
	}
	defer b.release()
	if id, ok := b.cached(b.labels, name); ok {
		return id, nil
	}
	board := &trelloapi.Board{ID: b.cfg.BoardID}
	var labels []*trelloapi.Label
	err := b.do(ctx, "labels.list", func(api *trelloapi.Client) error {
		board.SetClient(api)
		var err error
		labels, err = board.GetLabels(trelloapi.Arguments{"fields": "id,name"})
		return err
	})
	if err != nil {
		return "", fmt.Errorf("read labels: %w", err)
	}
	found := map[string]string{}
	for _, l := range labels {
		if _, dup := found[l.Name]; !dup && l.Name != "" {
			found[l.Name] = l.ID
		}
	}
	if _, ok := found[name]; !ok {
		label := &trelloapi.Label{Name: name, Color: labelColor(name)}
		err := b.do(ctx, "labels.create", func(api *trelloapi.Client) error {
			board.SetClient(api)
			return board.CreateLabel(label)
		})
		if err != nil {
			return "", fmt.Errorf("create label %q: %w", name, err)
		}
		found[name] = label.ID
	}
	b.store(b.labels, found)
	return found[name], nil
}

func (b *Board) cached(m map[string]string, name string) (string, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	id, ok := m[name]
	return id, ok
}

func (b *Board) store(m map[string]string, found map[string]string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for k, v := range found {
		m[k] = v
	}
}
