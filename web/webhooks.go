package web

import (
	"context"
	"io"
	"net/http"
	"time"

	"registrar/workflows"
)

// BoardHook checks and reads Trello's webhook calls.
type BoardHook interface {
	// Verify checks the X-Trello-Webhook signature of body.
	Verify(body []byte, signature string) bool
	// CardMove reads a card moved between lists; ok is false for any other action.
	CardMove(body []byte) (m CardMove, ok bool)
}

// CardMove is an organizer dragging a card on the board.
type CardMove struct {
	ActionID string
	CardID   string
	List     string
	At       time.Time
}

// BoardMoves applies card moves to registrations; an action seen before is
// refused as a replay.
type BoardMoves interface {
	MoveCard(ctx context.Context, actionID, cardID, list string) (workflows.BoardMoveOutcome, error)
}

// MailHook checks and reads Mailgun's delivery webhooks: a bad signature or
// a stale timestamp is Forbidden, a body that is no webhook Invalid.
type MailHook interface {
	Event(body []byte, now time.Time) (workflows.MailEvent, error)
}

// MailEvents records delivery reports.
type MailEvents interface {
	Record(ctx context.Context, ev workflows.MailEvent) (workflows.MailOutcome, error)
}

// webhookFreshness is how old a delivery may be; older ones could be replays
// whose token we no longer remember.
const webhookFreshness = 15 * time.Minute

// handleTrelloWebhookCheck answers the HEAD request Trello sends when a
// webhook is registered.
func (s *Server) handleTrelloWebhookCheck(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusOK)
}

func (s *Server) handleTrelloWebhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		s.badRequest(w, r, err)
		return
	}
	if !s.Board.Verify(body, r.Header.Get("X-Trello-Webhook")) {
		s.unauthorized(w, r, "trello", "bad signature")
		return
	}
	move, ok := s.Board.CardMove(body)
	if !ok {
		w.WriteHeader(http.StatusOK) // another kind of action: nothing for us
		return
	}
	if age := time.Since(move.At); move.At.IsZero() || age > webhookFreshness || age < -webhookFreshness {
		s.unauthorized(w, r, "trello", "stale")
		return
	}
	outcome, err := s.Moves.MoveCard(r.Context(), move.ActionID, move.CardID, move.List)
	if err != nil {
		s.webhookError(w, r, "trello", err)
		return
	}
	s.Log.InfoContext(r.Context(), "trello card move", "card_id", move.CardID, "list", move.List, "outcome", outcome)
	w.WriteHeader(http.StatusOK)
}

func (s *Server) handleMailgunWebhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		s.badRequest(w, r, err)
		return
	}
	ev, err := s.Mail.Event(body, time.Now())
	if err != nil {
		s.webhookError(w, r, "mailgun", err)
		return
	}
	outcome, err := s.MailEvents.Record(r.Context(), ev)
	if err != nil {
		s.webhookError(w, r, "mailgun", err)
		return
	}
	s.Log.InfoContext(r.Context(), "mailgun event", "event", ev.Kind, "outcome", outcome)
	w.WriteHeader(http.StatusOK)
}

// webhookError answers a vendor: 401 for anything that fails authentication
// (signature, freshness, replay), 400 for a body that is no webhook, 500
// otherwise so the vendor retries.
func (s *Server) webhookError(w http.ResponseWriter, r *http.Request, source string, err error) {
	switch workflows.KindOf(err) {
	case workflows.Forbidden, workflows.Conflict:
		s.unauthorized(w, r, source, workflows.MessageOf(err))
	case workflows.Invalid:
		http.Error(w, "not a webhook", http.StatusBadRequest)
	default:
		s.Log.ErrorContext(r.Context(), "webhook failed", "source", source, "err", err)
		http.Error(w, "try again", http.StatusInternalServerError)
	}
}

func (s *Server) unauthorized(w http.ResponseWriter, r *http.Request, source, why string) {
	s.Log.WarnContext(r.Context(), "webhook refused", "source", source, "why", why)
	http.Error(w, "unauthorized", http.StatusUnauthorized)
}
