// Package vendorapi is what the adapters of vendor APIs (Sheets, Trello,
// Mailgun) share: a Secret type that never prints, and one mapping from a
// failed call (HTTP status, Retry-After, no answer at all) to our error
// kinds, with the vendor's error text scrubbed of what must not be logged.
package vendorapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"registrar/workflows"
)

// Secret is a credential. It prints and logs as "[redacted]"; use
// string(s) where the value itself is needed.
type Secret string

func (Secret) String() string               { return "[redacted]" }
func (Secret) GoString() string             { return `"[redacted]"` }
func (Secret) Format(f fmt.State, _ rune)   { _, _ = f.Write([]byte("[redacted]")) }
func (Secret) LogValue() slog.Value         { return slog.StringValue("[redacted]") }
func (Secret) MarshalText() ([]byte, error) { return []byte("[redacted]"), nil }

// API names a vendor for the errors of its adapter.
type API struct {
	Prefix   string // starts every cause, e.g. "trello"
	Name     string // shown to organizers, e.g. "Trello"
	Refused  string // the message for 401, 403 and 404, e.g. "Trello refused access to the board."
	Rejected string // the message for any other 4xx, e.g. "Trello rejected the change."
}

// Failure is what an adapter learned about a failed call.
type Failure struct {
	Status     int    // the HTTP status; 0 when no answer came or it is unknown
	RetryAfter string // the answer's Retry-After header
	NoAnswer   bool   // the adapter knows no answer came (else the error's type says)
}

// Classify turns a failed call into our kinds, so the job runner knows
// whether a retry can help: 429, 408, 5xx and no answer at all are
// Unavailable (the write may have happened unseen, so the next try looks
// before it writes), 401/403/404 Forbidden, any other 4xx Invalid. A 429
// carries its Retry-After. The cause's text names op and is scrubbed (see
// Scrub); the vendor's error stays reachable with errors.As.
func (a API) Classify(op string, err error, f Failure) error {
	if err == nil {
		return nil
	}
	cause := scrubbed{fmt.Errorf("%s %s: %w", a.Prefix, op, err)}
	switch code := f.Status; {
	case f.NoAnswer || code == 0 && NoAnswer(err):
		return workflows.Wrap(workflows.Unavailable, a.Name+" did not answer in time.", cause)
	case code == http.StatusTooManyRequests:
		return &workflows.Error{Kind: workflows.Unavailable, Message: a.Name + " asked us to slow down.",
			RetryAfter: RetryAfter(f.RetryAfter), Err: cause}
	case code == http.StatusRequestTimeout || code >= 500:
		return workflows.Wrap(workflows.Unavailable, a.Name+" is unavailable.", cause)
	case code == http.StatusUnauthorized || code == http.StatusForbidden || code == http.StatusNotFound:
		return workflows.Wrap(workflows.Forbidden, a.Refused, cause)
	case code >= 400:
		return workflows.Wrap(workflows.Invalid, a.Rejected, cause)
	default:
		return cause
	}
}

// NoAnswer reports a call that got no answer: a network failure, or the
// deadline or cancellation of its context.
func NoAnswer(err error) bool {
	_, isNet := errors.AsType[net.Error](err)
	return isNet || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
}

// RetryAfter reads a Retry-After value, seconds or an HTTP date; zero when
// absent or unreadable.
func RetryAfter(v string) time.Duration {
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
