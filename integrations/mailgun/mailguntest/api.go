package mailguntest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// reply is a handler's answer, sent as JSON.
type reply struct {
	status int
	body   any
}

func message(status int, msg string) reply {
	return reply{status, map[string]string{"message": msg}}
}

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if len(parts) != 3 || parts[0] != "v3" {
		write(w, message(http.StatusNotFound, "not found"))
		return
	}
	if user, pass, ok := r.BasicAuth(); !ok || user != "api" || pass != APIKey {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte("Forbidden"))
		return
	}
	if parts[1] != Domain {
		write(w, message(http.StatusNotFound, "Domain not found: "+parts[1]))
		return
	}
	var op string
	var h func() reply
	switch {
	case parts[2] == "messages" && r.Method == http.MethodPost:
		form, err := readForm(r)
		if err != nil {
			write(w, message(http.StatusBadRequest, "bad form: "+err.Error()))
			return
		}
		op, h = "messages.send", func() reply { return s.send(form) }
	case parts[2] == "events" && r.Method == http.MethodGet:
		op, h = "events.list", func() reply { return s.listEvents(r) }
	default:
		write(w, message(http.StatusNotFound, "not found"))
		return
	}
	s.Handle(w, r, op, func() func(http.ResponseWriter) {
		s.mu.Lock()
		out := h()
		s.mu.Unlock()
		return func(w http.ResponseWriter) { write(w, out) }
	})
}

func (s *Server) send(form url.Values) reply {
	switch {
	case form.Get("from") == "":
		return message(http.StatusBadRequest, "'from' parameter is missing")
	case len(form["to"]) == 0:
		return message(http.StatusBadRequest, "'to' parameter is missing")
	case form.Get("text") == "" && form.Get("html") == "" && form.Get("template") == "":
		return message(http.StatusBadRequest, "Need at least one of 'text', 'html' or 'template' parameters specified")
	}
	now := time.Now().UTC()
	s.next++
	m := &Message{
		ID:   fmt.Sprintf("%s.%d@%s", now.Format("20060102150405"), s.next, Domain),
		From: form.Get("from"), Subject: form.Get("subject"), Text: form.Get("text"), HTML: form.Get("html"),
		Tags: form["o:tag"], Headers: map[string]string{}, Variables: map[string]string{},
		RecipientVariables: form.Get("recipient-variables"), Accepted: now,
	}
	for k, v := range form {
		if name, ok := strings.CutPrefix(k, "h:"); ok {
			m.Headers[name] = v[0]
		}
		if name, ok := strings.CutPrefix(k, "v:"); ok {
			m.Variables[name] = v[0]
		}
	}
	for _, to := range form["to"] {
		list, err := mail.ParseAddressList(to)
		if err != nil {
			return message(http.StatusBadRequest, "to parameter is not a valid address. please check documentation")
		}
		for _, a := range list {
			m.To = append(m.To, a.Address)
		}
	}
	if len(m.To) > MaxRecipients {
		return message(http.StatusBadRequest, "Too many recipients: at most 1000 per message")
	}
	if m.RecipientVariables != "" {
		if err := json.Unmarshal([]byte(m.RecipientVariables), &m.RecipientVars); err != nil {
			return message(http.StatusBadRequest, "recipient-variables is not valid JSON: "+err.Error())
		}
	}
	s.messages = append(s.messages, m)
	for _, to := range m.To {
		s.events = append(s.events, event{id: fmt.Sprintf("ev%06d", len(s.events)+1), at: now, recipient: to, msg: m,
			vars: expandAll(m.Variables, m.RecipientVars[to])})
	}
	return reply{http.StatusOK, map[string]string{"id": "<" + m.ID + ">", "message": "Queued. Thank you."}}
}

// listEvents answers newest first, page by page; "page" is the fake's own
// offset token, carried in the paging URLs it hands out.
func (s *Server) listEvents(r *http.Request) reply {
	q := r.URL.Query()
	limit := 100
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 300 {
			return message(http.StatusBadRequest, "limit must be between 1 and 300")
		}
		limit = n
	}
	offset, _ := strconv.Atoi(q.Get("page"))
	var matched []event
	for i := len(s.events) - 1; i >= 0; i-- {
		e := s.events[i]
		if (q.Get("event") == "" || q.Get("event") == "accepted") &&
			(q.Get("recipient") == "" || strings.EqualFold(q.Get("recipient"), e.recipient)) &&
			(q.Get("message-id") == "" || strings.Trim(q.Get("message-id"), "<>") == e.msg.ID) {
			matched = append(matched, e)
		}
	}
	items := []any{}
	for i := offset; i < len(matched) && i < offset+limit; i++ {
		items = append(items, eventJSON(matched[i]))
	}
	page := func(n int) string {
		p := url.Values{}
		for k, v := range q {
			p[k] = v
		}
		p.Set("page", strconv.Itoa(n))
		return "http://" + r.Host + r.URL.Path + "?" + p.Encode()
	}
	return reply{http.StatusOK, map[string]any{"items": items, "paging": map[string]string{
		"first": page(0), "next": page(offset + len(items)), "previous": page(max(offset-limit, 0)), "last": page(max(len(matched)-limit, 0)),
	}}}
}

func eventJSON(e event) map[string]any {
	return map[string]any{
		"event": "accepted", "id": e.id, "timestamp": float64(e.at.UnixNano()) / 1e9,
		"recipient": e.recipient, "recipient-domain": e.recipient[strings.LastIndex(e.recipient, "@")+1:],
		"method": "HTTP", "tags": e.msg.Tags, "user-variables": e.vars,
		"envelope": map[string]string{"sender": e.msg.From, "targets": e.recipient, "transport": "smtp"},
		"message": map[string]any{"headers": map[string]string{
			"message-id": e.msg.ID, "to": strings.Join(e.msg.To, ", "), "from": e.msg.From, "subject": e.msg.Subject}},
	}
}

func write(w http.ResponseWriter, r reply) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(r.status)
	_ = json.NewEncoder(w).Encode(r.body)
}

// readForm reads a message's form, multipart or URL-encoded. A batch of
// 1,000 recipients has more than 1,000 parts, more than Go's
// ParseMultipartForm takes (GODEBUG multipartmaxparts), so parts are read
// one by one.
func readForm(r *http.Request) (url.Values, error) {
	mr, err := r.MultipartReader()
	if errors.Is(err, http.ErrNotMultipart) {
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		return r.Form, nil
	}
	if err != nil {
		return nil, err
	}
	form := url.Values{}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return form, nil
		}
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(io.LimitReader(p, 25<<20))
		if err != nil {
			return nil, err
		}
		form.Add(p.FormName(), string(b))
	}
}
