package sheetstest

import (
	"net/http"
	"time"
)

// The fake's quota and its check on the tab lock.
//
// WithQuota makes it refuse, like Google, the reads or writes of a user (the
// Authorization header) beyond n in any window, with 429 RESOURCE_EXHAUSTED.
// WithCallers names each caller by a request header, so that the fake can
// tell a stale write: a write to a tab that another caller wrote since this
// caller last read it, as happens when two instances read and rewrite one
// tab at once (their locks failed).

// WithQuota enforces n reads and n writes per window per user instead of no
// limit; tests scale Google's 60 a minute down to stay fast.
func WithQuota(n int, window time.Duration) Option {
	return func(s *Server) { s.quota, s.window = n, window }
}

// WithCallers names the caller of each request by header, for StaleWrites.
func WithCallers(header string) Option { return func(s *Server) { s.callerHeader = header } }

// QuotaRefused counts requests refused over the quota (not scripted faults).
func (s *Server) QuotaRefused() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refused
}

// StaleWrites counts writes to a tab that another caller had written since
// this caller last read it (see WithCallers).
func (s *Server) StaleWrites() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stale
}

// isWrite says whether an operation counts against the write quota.
func isWrite(op string) bool {
	switch op {
	case "spreadsheets.batchUpdate", "values.update", "values.batchUpdate", "values.append":
		return true
	}
	return false
}

// allow applies the sliding-window quota to r's user for op.
func (s *Server) allow(r *http.Request, op string) bool {
	if s.quota <= 0 {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key := r.Header.Get("Authorization") + "\x00" + map[bool]string{true: "write", false: "read"}[isWrite(op)]
	now := time.Now()
	times := s.seen[key]
	for len(times) > 0 && now.Sub(times[0]) >= s.window {
		times = times[1:]
	}
	if len(times) >= s.quota {
		s.seen[key] = times
		s.refused++
		return false
	}
	s.seen[key] = append(times, now)
	return true
}

// touch records that the current caller read or wrote t, counting a write
// made on a stale read. It runs under s.mu, inside a handler.
func (s *Server) touch(t *tab, write bool) {
	if s.callerHeader == "" {
		return
	}
	key := s.caller + "\x00" + t.title
	if !write {
		s.looked[key] = t.version
		return
	}
	if v, read := s.looked[key]; read && v != t.version {
		s.stale++
	}
	t.version++
	s.looked[key] = t.version
}
