package sheets

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	"google.golang.org/api/googleapi"

	"registrar/workflows"
)

// classify turns a Sheets API failure into our kinds, so the job runner knows
// whether a retry can help: 429, 408, 5xx and transport failures are
// Unavailable (the write may or may not have happened, so the next try looks
// before it writes), 401/403/404 Forbidden, any other 4xx Invalid.
func classify(op string, err error) error {
	if err == nil {
		return nil
	}
	cause := fmt.Errorf("sheets %s: %w", op, err)
	if gerr, ok := errors.AsType[*googleapi.Error](err); ok {
		return fromStatus(gerr.Code, gerr.Header, cause)
	}
	if _, ok := errors.AsType[net.Error](err); ok || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return workflows.Wrap(workflows.Unavailable, "Google Sheets did not answer in time.", cause)
	}
	return cause
}

func fromStatus(code int, header http.Header, cause error) error {
	switch {
	case code == http.StatusTooManyRequests:
		return &workflows.Error{Kind: workflows.Unavailable, Message: "Google Sheets asked us to slow down.",
			RetryAfter: retryAfter(header), Err: cause}
	case code == http.StatusRequestTimeout || code >= 500:
		return workflows.Wrap(workflows.Unavailable, "Google Sheets is unavailable.", cause)
	case code == http.StatusUnauthorized || code == http.StatusForbidden || code == http.StatusNotFound:
		return workflows.Wrap(workflows.Forbidden, "Google Sheets refused access to the spreadsheet.", cause)
	case code >= 400:
		return workflows.Wrap(workflows.Invalid, "Google Sheets rejected the change.", cause)
	default:
		return cause
	}
}

// retryAfter reads Retry-After as seconds or an HTTP date; zero when absent.
func retryAfter(h http.Header) time.Duration {
	v := h.Get("Retry-After")
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
