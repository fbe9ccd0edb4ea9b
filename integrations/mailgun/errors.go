package mailgun

import (
	"context"
	"errors"
	"net/http"

	mailgunapi "github.com/mailgun/mailgun-go/v4"

	"registrar/integrations/vendorapi"
	"registrar/workflows"
)

// classify gives a Mailgun failure our kind (see vendorapi.API.Classify).
// The library's error text holds the request URL, whose query names the
// recipient of a look-up: the kit scrubs it.
func classify(op string, err error) error {
	api := vendorapi.API{Prefix: "mailgun", Name: "Mailgun", Refused: "Mailgun refused the request.", Rejected: "Mailgun rejected the email."}
	if errors.Is(err, mailgunapi.ErrInvalidMessage) {
		return workflows.Wrap(workflows.Invalid, "The email is incomplete.", api.Classify(op, err, vendorapi.Failure{}))
	}
	var f vendorapi.Failure
	if uerr, ok := errors.AsType[*mailgunapi.UnexpectedResponseError](err); ok {
		f.Status = uerr.Actual
		if n, ok := errors.AsType[*noted](err); ok {
			f.RetryAfter = n.retryAfter
		}
	}
	return api.Classify(op, err, f)
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
