package trellotest

import (
	"net/http"
	"net/url"
	"slices"

	"registrar/integrations/fakeapi"
)

// Checklists on cards, as much of Trello's API as the board adapter uses:
// list a card's checklists with their items, create a checklist, add an
// item (optionally checked), set an item's state, delete an item.

type checklist struct {
	id, card, name string
	items          []*checkItem
}

type checkItem struct{ id, name, state string }

// CheckItem is a checklist item as a test sees it.
type CheckItem struct {
	Name string
	Done bool
}

// Checklist is a card's checklist as a test sees it.
type Checklist struct {
	Name  string
	Items []CheckItem
}

// Checklists returns a card's checklists in order, each with its items.
func (s *Server) Checklists(cardID string) []Checklist {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Checklist
	for _, cl := range s.checks {
		if cl.card != cardID {
			continue
		}
		c := Checklist{Name: cl.name}
		for _, it := range cl.items {
			c.Items = append(c.Items, CheckItem{Name: it.name, Done: it.state == "complete"})
		}
		out = append(out, c)
	}
	return out
}

func checklistJSON(cl *checklist) map[string]any {
	items := []any{}
	for i, it := range cl.items {
		items = append(items, map[string]any{"id": it.id, "name": it.name, "state": it.state, "idChecklist": cl.id, "pos": (i + 1) * 1024})
	}
	return map[string]any{"id": cl.id, "name": cl.name, "idCard": cl.card, "checkItems": items}
}

func (s *Server) checklist(id string) *checklist {
	return fakeapi.Find(s.checks, func(c *checklist) bool { return c.id == id })
}

func (s *Server) getChecklists(cardID string) reply {
	if s.card(cardID) == nil {
		return notFound()
	}
	out := []any{}
	for _, cl := range s.checks {
		if cl.card == cardID {
			out = append(out, checklistJSON(cl))
		}
	}
	return ok(out)
}

func (s *Server) createChecklist(cardID string, f url.Values) reply {
	if s.card(cardID) == nil {
		return notFound()
	}
	if f.Get("name") == "" {
		return text(http.StatusBadRequest, "invalid value for name")
	}
	cl := &checklist{id: s.newID(), card: cardID, name: f.Get("name")}
	s.checks = append(s.checks, cl)
	return ok(checklistJSON(cl))
}

func (s *Server) createCheckItem(checklistID string, f url.Values) reply {
	cl := s.checklist(checklistID)
	if cl == nil {
		return notFound()
	}
	state := "incomplete"
	if f.Get("checked") == "true" {
		state = "complete"
	}
	it := &checkItem{id: s.newID(), name: f.Get("name"), state: state}
	cl.items = append(cl.items, it)
	return ok(map[string]any{"id": it.id, "name": it.name, "state": it.state, "idChecklist": cl.id})
}

func (s *Server) updateCheckItem(cardID, itemID string, f url.Values) reply {
	for _, cl := range s.checks {
		if cl.card != cardID {
			continue
		}
		for _, it := range cl.items {
			if it.id == itemID {
				if st := f.Get("state"); st == "complete" || st == "incomplete" {
					it.state = st
				}
				if n := f.Get("name"); n != "" {
					it.name = n
				}
				return ok(map[string]any{"id": it.id, "name": it.name, "state": it.state, "idChecklist": cl.id})
			}
		}
	}
	return notFound()
}

func (s *Server) deleteCheckItem(checklistID, itemID string) reply {
	cl := s.checklist(checklistID)
	if cl == nil {
		return notFound()
	}
	cl.items = slices.DeleteFunc(cl.items, func(it *checkItem) bool { return it.id == itemID })
	return ok(map[string]any{})
}
