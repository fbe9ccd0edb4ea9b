package trellotest

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

func listJSON(l *list, pos int) map[string]any {
	return map[string]any{"id": l.id, "name": l.name, "idBoard": l.board, "closed": false, "pos": (pos + 1) * 1024}
}

func labelJSON(l *label) map[string]any {
	return map[string]any{"id": l.id, "idBoard": l.board, "name": l.name, "color": l.color, "uses": 0}
}

func (s *Server) cardJSON(c *card) map[string]any {
	labels := []any{}
	for _, id := range c.labels {
		for _, l := range s.labels {
			if l.id == id {
				labels = append(labels, labelJSON(l))
			}
		}
	}
	return map[string]any{"id": c.id, "name": c.name, "desc": c.desc, "idList": c.list, "idBoard": c.board,
		"idLabels": slices.Clone(c.labels), "labels": labels, "closed": c.closed}
}

func (s *Server) getLists(board string) reply {
	if board != s.BoardID {
		return notFound()
	}
	out := []any{}
	for i, l := range s.lists {
		out = append(out, listJSON(l, i))
	}
	return ok(out)
}

func (s *Server) createList(f url.Values) reply {
	if f.Get("idBoard") != s.BoardID {
		return text(http.StatusBadRequest, "invalid value for idBoard")
	}
	if f.Get("name") == "" {
		return text(http.StatusBadRequest, "invalid value for name")
	}
	l := &list{id: s.newID(), name: f.Get("name"), board: s.BoardID}
	if f.Get("pos") == "top" {
		s.lists = append([]*list{l}, s.lists...)
	} else {
		s.lists = append(s.lists, l)
	}
	return ok(listJSON(l, slices.Index(s.lists, l)))
}

func (s *Server) getLabels(board string) reply {
	if board != s.BoardID {
		return notFound()
	}
	out := []any{}
	for _, l := range s.labels {
		out = append(out, labelJSON(l))
	}
	return ok(out)
}

func (s *Server) createLabel(board string, f url.Values) reply {
	if board != s.BoardID {
		return notFound()
	}
	l := &label{id: s.newID(), name: f.Get("name"), color: f.Get("color"), board: board}
	s.labels = append(s.labels, l)
	return ok(labelJSON(l))
}

// getCards answers newest first, honouring limit and before, so a client can
// page back with before = the oldest ID it has seen.
func (s *Server) getCards(board string, f url.Values) reply {
	if board != s.BoardID {
		return notFound()
	}
	limit := 1000
	if v := f.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return text(http.StatusBadRequest, "invalid value for limit")
		}
		limit = n
	}
	before := f.Get("before")
	out := []any{}
	for _, c := range slices.Backward(s.cards) {
		if len(out) == limit {
			break
		}
		if !c.closed && (before == "" || c.id < before) {
			out = append(out, s.cardJSON(c))
		}
	}
	return ok(out)
}

func (s *Server) createCard(f url.Values) reply {
	l := s.listByID(f.Get("idList"))
	if l == nil {
		return text(http.StatusBadRequest, "invalid value for idList")
	}
	labels, bad := s.labelIDs(f.Get("idLabels"))
	if bad {
		return text(http.StatusBadRequest, "invalid value for idLabels")
	}
	c := &card{id: s.newID(), name: f.Get("name"), desc: f.Get("desc"), list: l.id, board: l.board, labels: labels}
	s.cards = append(s.cards, c)
	s.creates++
	return ok(s.cardJSON(c))
}

func (s *Server) getCard(id string) reply {
	c := s.card(id)
	if c == nil {
		return notFound()
	}
	return ok(s.cardJSON(c))
}

func (s *Server) updateCard(id string, f url.Values) reply {
	c := s.card(id)
	if c == nil {
		return notFound()
	}
	if f.Has("idList") && s.listByID(f.Get("idList")) == nil {
		return text(http.StatusBadRequest, "invalid value for idList")
	}
	labels, bad := s.labelIDs(f.Get("idLabels"))
	if bad {
		return text(http.StatusBadRequest, "invalid value for idLabels")
	}
	if f.Has("name") {
		c.name = f.Get("name")
	}
	if f.Has("desc") {
		c.desc = f.Get("desc")
	}
	if f.Has("idList") {
		c.list = f.Get("idList")
	}
	if f.Has("idLabels") {
		c.labels = labels
	}
	if f.Has("closed") {
		c.closed = f.Get("closed") == "true"
	}
	return ok(s.cardJSON(c))
}

func (s *Server) deleteCard(id string) reply {
	if s.card(id) == nil {
		return notFound()
	}
	s.cards = slices.DeleteFunc(s.cards, func(c *card) bool { return c.id == id })
	return ok(map[string]any{"limits": map[string]any{}})
}

func (s *Server) addCardLabel(id, labelID string) reply {
	c := s.card(id)
	if c == nil {
		return notFound()
	}
	if _, bad := s.labelIDs(labelID); bad || labelID == "" {
		return text(http.StatusBadRequest, "invalid value for value")
	}
	if slices.Contains(c.labels, labelID) {
		return text(http.StatusBadRequest, "that label is already on the card")
	}
	c.labels = append(c.labels, labelID)
	return ok(slices.Clone(c.labels))
}

// labelIDs parses a comma-separated list of label IDs; bad when one is unknown.
func (s *Server) labelIDs(v string) (ids []string, bad bool) {
	for id := range strings.SplitSeq(v, ",") {
		if id == "" {
			continue
		}
		if !slices.ContainsFunc(s.labels, func(l *label) bool { return l.id == id }) {
			return nil, true
		}
		ids = append(ids, id)
	}
	return ids, false
}

func notFound() reply { return text(http.StatusNotFound, "The requested resource was not found.") }
