package mailgun

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	mailgunapi "github.com/mailgun/mailgun-go/v4"

	"registrar/workflows"
)

// classify turns a Mailgun failure into our kinds, so the job runner knows
// whether a retry can help: 429, 408, 5xx and transport failures are
// Unavailable (the message may have gone out, so the next try looks before
// it sends), 401/403/404 Forbidden, any other 4xx Invalid.
func classify(op string, err error) error {
	if err == nil {
		return nil
	}
	cause := fmt.Errorf("mailgun %s: %w", op, err)
	if errors.Is(err, mailgunapi.ErrInvalidMessage) {
		return workflows.Wrap(workflows.Invalid, "The email is incomplete.", cause)
	}
	if uerr, ok := errors.AsType[*mailgunapi.UnexpectedResponseError](err); ok {
		var wait time.Duration
		if n, ok := errors.AsType[*noted](err); ok {
			wait = retryAfter(n.retryAfter)
		}
		return fromStatus(uerr.Actual, wait, cause)
	}
	if _, ok := errors.AsType[net.Error](err); ok || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return workflows.Wrap(workflows.Unavailable, "Mailgun did not answer in time.", cause)
	}
	return cause
}

func fromStatus(code int, wait time.Duration, cause error) error {
	switch {
	case code == http.StatusTooManyRequests:
		return &workflows.Error{Kind: workflows.Unavailable, Message: "Mailgun asked us to slow down.", RetryAfter: wait, Err: cause}
	case code == http.StatusRequestTimeout || code >= 500:
		return workflows.Wrap(workflows.Unavailable, "Mailgun is unavailable.", cause)
	case code == http.StatusUnauthorized || code == http.StatusForbidden || code == http.StatusNotFound:
		return workflows.Wrap(workflows.Forbidden, "Mailgun refused the request.", cause)
	case code >= 400:
		return workflows.Wrap(workflows.Invalid, "Mailgun rejected the email.", cause)
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

// The library keeps a failed response's status but drops its headers. A
// note bound to the call's context lets the transport keep Retry-After.
type note struct{ retryAfter string }

type noteKey struct{}

func withNote(ctx context.Context) (context.Context, *note) {
	n := &note{}
	return context.WithValue(ctx, noteKey{}, n), n
}

// noted is an error with the Retry-After its response carried.
type noted struct {
	retryAfter string
	err        error
}

func (e *noted) Error() string { return e.err.Error() }
func (e *noted) Unwrap() error { return e.err }

func (n *note) wrap(err error) error {
	if err == nil {
		return nil
	}
	return &noted{retryAfter: n.retryAfter, err: err}
}

type noteTransport struct{ base http.RoundTripper }

// RoundTrip runs on the caller's goroutine (http.Client.Do calls it
// synchronously), so writing the note needs no lock.
func (t *noteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if n, ok := req.Context().Value(noteKey{}).(*note); ok && err == nil {
		n.retryAfter = resp.Header.Get("Retry-After")
	}
	return resp, err
}
