package sheets

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"google.golang.org/api/googleapi"

	"registrar/workflows"
)

// The status table itself is vendorapi's; here: the status and Retry-After
// are read from the Sheets client's error.
func TestClassifyReadsTheGoogleAPIError(t *testing.T) {
	tests := []struct {
		code       int
		retryAfter string
		kind       workflows.Kind
		wait       time.Duration
	}{
		{http.StatusTooManyRequests, "12", workflows.Unavailable, 12 * time.Second},
		{http.StatusNotFound, "", workflows.Forbidden, 0},
		{http.StatusBadRequest, "", workflows.Invalid, 0},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.retryAfter != "" {
			h.Set("Retry-After", tt.retryAfter)
		}
		cause := &googleapi.Error{Code: tt.code, Header: h}
		err := classify("values.append", cause)
		if workflows.KindOf(err) != tt.kind || workflows.RetryAfterOf(err) != tt.wait {
			t.Errorf("%d: kind %v after %v, want %v after %v", tt.code, workflows.KindOf(err), workflows.RetryAfterOf(err), tt.kind, tt.wait)
		}
		if !errors.Is(err, cause) {
			t.Errorf("%d: the cause is lost: %v", tt.code, err)
		}
	}
	if classify("x", nil) != nil {
		t.Error("classify(nil) != nil")
	}
}
