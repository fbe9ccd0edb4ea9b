package trello

import (
	"context"
	"io"
	"net/http"
	"strings"

	"registrar/integrations/vendorapi"
)

// exchange notes what adlio/trello v1.12.0 throws away: the status code, the
// Retry-After header and the transport error of the last request. A fresh
// exchange (and library client) per call also means:
//   - the call's ctx reaches every request: the library binds
//     WithContext's ctx to GETs only, never to POST, PUT or DELETE;
//   - the library's own per-client throttle (8/s, burst 1) always has a
//     token, leaving the pacing to our shared limiter.
type exchange struct {
	status     int
	retryAfter string
	netErr     error
}

type exchangeTransport struct {
	ctx  context.Context
	base http.RoundTripper
	x    *exchange
}

// RoundTrip runs on the caller's goroutine (http.Client.Do calls it
// synchronously), so writing the exchange needs no lock.
func (t *exchangeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancel(t.ctx)
	stop := context.AfterFunc(req.Context(), cancel) // the client's timeout still ends the request
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		stop()
		cancel()
		t.x.netErr = err
		return nil, err
	}
	t.x.status, t.x.retryAfter = resp.StatusCode, resp.Header.Get("Retry-After")
	resp.Body = &releasingBody{ReadCloser: resp.Body, release: func() { stop(); cancel() }}
	return resp, nil
}

type releasingBody struct {
	io.ReadCloser
	release func()
}

func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}

// apiError is a failed call with what the exchange saw. Its text never holds
// the library's transport error, whose URL carries the key and token, and
// the token is masked in whatever text remains.
type apiError struct {
	status     int
	retryAfter string
	netErr     error // the transport's own error, which names no URL
	err        error
	token      vendorapi.Secret
}

func (e *apiError) Error() string {
	text := e.err.Error()
	if e.netErr != nil {
		text = "request failed: " + e.netErr.Error()
	}
	if e.token != "" {
		text = strings.ReplaceAll(text, string(e.token), "[redacted]")
	}
	return text
}

func (e *apiError) Unwrap() error {
	if e.netErr != nil {
		return e.netErr
	}
	return e.err
}

func (x *exchange) failure(err error, token vendorapi.Secret) error {
	return &apiError{status: x.status, retryAfter: x.retryAfter, netErr: x.netErr, err: err, token: token}
}
