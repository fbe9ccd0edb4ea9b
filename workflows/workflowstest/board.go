package workflowstest

import (
	"context"
	"strconv"
	"sync"

	"registrar/workflows"
)

// Sheet is an in-memory SheetWriter: one row per registration ID per tab.
type Sheet struct {
	mu     sync.Mutex
	tabs   map[string]map[string][]string
	Writes int
}

// NewSheet returns an empty sheet.
func NewSheet() *Sheet { return &Sheet{tabs: map[string]map[string][]string{}} }

func (s *Sheet) UpsertRows(_ context.Context, tab string, _ []string, rows []workflows.SheetRow) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Writes++
	if s.tabs[tab] == nil {
		s.tabs[tab] = map[string][]string{}
	}
	for _, r := range rows {
		s.tabs[tab][r.RegistrationID] = r.Values
	}
	return nil
}

func (s *Sheet) DeleteRows(_ context.Context, tab string, ids []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Writes++
	for _, id := range ids {
		delete(s.tabs[tab], id)
	}
	return nil
}

// Row returns the values of a registration's row in tab.
func (s *Sheet) Row(tab, id string) ([]string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.tabs[tab][id]
	return v, ok
}

// Board is an in-memory BoardWriter.
type Board struct {
	mu    sync.Mutex
	cards map[string]workflows.Card
	next  int
}

// NewBoard returns an empty board.
func NewBoard() *Board { return &Board{cards: map[string]workflows.Card{}} }

func (b *Board) PutCard(_ context.Context, cardID string, c workflows.Card, lookFirst bool) (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if cardID == "" && lookFirst {
		for id, existing := range b.cards {
			if existing.RegistrationID == c.RegistrationID {
				cardID = id
			}
		}
	}
	if cardID == "" {
		b.next++
		cardID = "card" + strconv.Itoa(b.next)
	}
	b.cards[cardID] = c
	return cardID, nil
}

func (b *Board) FindCard(_ context.Context, registrationID string) (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for id, c := range b.cards {
		if c.RegistrationID == registrationID {
			return id, nil
		}
	}
	return "", nil
}

func (b *Board) DeleteCard(_ context.Context, cardID string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.cards, cardID)
	return nil
}

// Cards returns a copy of every card by ID.
func (b *Board) Cards() map[string]workflows.Card {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make(map[string]workflows.Card, len(b.cards))
	for k, v := range b.cards {
		out[k] = v
	}
	return out
}
