package trello

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	trelloapi "github.com/adlio/trello"

	"registrar/workflows"
)

// classify turns a Trello failure into our kinds, so the job runner knows
// whether a retry can help: 429, 408, 5xx and transport failures are
// Unavailable (a create may have happened unseen, so the next try looks for
// the card's marker first), 401/403/404 Forbidden, any other 4xx Invalid.
func classify(op string, err error) error {
	if err == nil {
		return nil
	}
	cause := fmt.Errorf("trello %s: %w", op, err)
	ae, ok := errors.AsType[*apiError](err)
	switch {
	case ok && ae.netErr != nil, errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return workflows.Wrap(workflows.Unavailable, "Trello did not answer in time.", cause)
	case !ok || ae.status == 0:
		return cause
	}
	switch code := ae.status; {
	case code == http.StatusTooManyRequests || trelloapi.IsRateLimit(ae.err):
		return &workflows.Error{Kind: workflows.Unavailable, Message: "Trello asked us to slow down.",
			RetryAfter: retryAfter(ae.retryAfter), Err: cause}
	case code == http.StatusRequestTimeout || code >= 500:
		return workflows.Wrap(workflows.Unavailable, "Trello is unavailable.", cause)
	case code == http.StatusUnauthorized || code == http.StatusForbidden || code == http.StatusNotFound:
		return workflows.Wrap(workflows.Forbidden, "Trello refused access to the board.", cause)
	case code >= 400:
		return workflows.Wrap(workflows.Invalid, "Trello rejected the change.", cause)
	default:
		return cause
	}
}

// retryAfter reads Retry-After as seconds or an HTTP date; zero when absent.
func retryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil && secs > 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}
