package trellotest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// reply is a handler's answer: a string body is sent as text, like Trello's
// errors, anything else as JSON.
type reply struct {
	status int
	body   any
}

func text(status int, msg string) reply { return reply{status, msg} }
func ok(v any) reply                    { return reply{http.StatusOK, v} }

// handler applies one request to the state, under s.mu.
type handler func(form url.Values) reply

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	rest, found := strings.CutPrefix(r.URL.Path, "/1/")
	if !found || r.ParseForm() != nil {
		write(w, notFound())
		return
	}
	form := r.Form
	if form.Get("key") != Key {
		write(w, text(http.StatusUnauthorized, "invalid key"))
		return
	}
	if form.Get("token") != Token {
		write(w, text(http.StatusUnauthorized, "invalid token"))
		return
	}
	if !s.allow(form.Get("token")) {
		write(w, tooMany())
		return
	}
	op, h := s.match(r.Method, strings.Split(strings.TrimSuffix(rest, "/"), "/"))
	if h == nil {
		write(w, text(http.StatusNotFound, "Cannot "+r.Method+" "+r.URL.Path))
		return
	}
	s.Handle(w, r, op, func() func(http.ResponseWriter) {
		if op == "webhooks.create" {
			if bad, failed := s.checkCallback(r.Context(), form.Get("callbackURL")); failed {
				return func(w http.ResponseWriter) { write(w, bad) }
			}
		}
		s.mu.Lock()
		out := h(form)
		s.mu.Unlock()
		return func(w http.ResponseWriter) { write(w, out) }
	})
}

// tooMany is Trello's answer over the rate limit.
func tooMany() reply {
	return reply{http.StatusTooManyRequests, map[string]string{"error": "API_TOKEN_LIMIT_EXCEEDED", "message": "Rate limit exceeded"}}
}

// allow applies the sliding-window rate limit for token.
func (s *Server) allow(token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	times := s.seen[token]
	for len(times) > 0 && now.Sub(times[0]) >= s.window {
		times = times[1:]
	}
	if len(times) >= s.limit {
		s.seen[token] = times
		s.limited++
		return false
	}
	s.seen[token] = append(times, now)
	return true
}

func (s *Server) match(method string, seg []string) (string, handler) {
	is := func(m string, parts ...string) bool {
		if method != m || len(parts) != len(seg) {
			return false
		}
		for i, p := range parts {
			if p != "*" && p != seg[i] {
				return false
			}
		}
		return true
	}
	switch {
	case is("GET", "boards", "*", "lists"):
		return "lists.list", func(url.Values) reply { return s.getLists(seg[1]) }
	case is("POST", "lists"):
		return "lists.create", s.createList
	case is("POST", "boards", "*", "lists"):
		return "lists.create", func(f url.Values) reply {
			f.Set("idBoard", seg[1])
			return s.createList(f)
		}
	case is("GET", "boards", "*", "labels"):
		return "labels.list", func(url.Values) reply { return s.getLabels(seg[1]) }
	case is("POST", "boards", "*", "labels"):
		return "labels.create", func(f url.Values) reply { return s.createLabel(seg[1], f) }
	case is("GET", "boards", "*", "cards"):
		return "cards.list", func(f url.Values) reply { return s.getCards(seg[1], f) }
	case is("POST", "cards"):
		return "cards.create", s.createCard
	case is("GET", "cards", "*"):
		return "cards.get", func(url.Values) reply { return s.getCard(seg[1]) }
	case is("PUT", "cards", "*"):
		return "cards.update", func(f url.Values) reply { return s.updateCard(seg[1], f) }
	case is("DELETE", "cards", "*"):
		return "cards.delete", func(url.Values) reply { return s.deleteCard(seg[1]) }
	case is("POST", "cards", "*", "idLabels"):
		return "cards.addLabel", func(f url.Values) reply { return s.addCardLabel(seg[1], f.Get("value")) }
	case is("GET", "cards", "*", "checklists"):
		return "checklists.list", func(url.Values) reply { return s.getChecklists(seg[1]) }
	case is("POST", "cards", "*", "checklists"):
		return "checklists.create", func(f url.Values) reply { return s.createChecklist(seg[1], f) }
	case is("POST", "checklists", "*", "checkItems"):
		return "checkItems.create", func(f url.Values) reply { return s.createCheckItem(seg[1], f) }
	case is("PUT", "cards", "*", "checkItem", "*"):
		return "checkItems.update", func(f url.Values) reply { return s.updateCheckItem(seg[1], seg[3], f) }
	case is("DELETE", "checklists", "*", "checkItems", "*"):
		return "checkItems.delete", func(url.Values) reply { return s.deleteCheckItem(seg[1], seg[3]) }
	case is("GET", "tokens", "*", "webhooks"):
		return "webhooks.list", func(url.Values) reply { return s.listWebhooks(seg[1]) }
	case is("POST", "webhooks"):
		return "webhooks.create", s.createWebhook
	case is("DELETE", "webhooks", "*"):
		return "webhooks.delete", func(url.Values) reply { return s.deleteWebhook(seg[1]) }
	}
	return "", nil
}

func write(w http.ResponseWriter, r reply) {
	if msg, isText := r.body.(string); isText {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(r.status)
		_, _ = w.Write([]byte(msg))
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(r.status)
	_ = json.NewEncoder(w).Encode(r.body)
}
