package vendorapi_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"registrar/integrations/vendorapi"
	"registrar/workflows"
)

// acme is a vendor as its adapter names it.
func acme() vendorapi.API {
	return vendorapi.API{Prefix: "acme", Name: "Acme", Refused: "Acme refused.", Rejected: "Acme rejected it."}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		failure vendorapi.Failure
		kind    workflows.Kind
		wait    time.Duration
		message string
	}{
		{"429 with seconds", errors.New("x"), vendorapi.Failure{Status: 429, RetryAfter: "12"}, workflows.Unavailable, 12 * time.Second, "Acme asked us to slow down."},
		{"429 without Retry-After", errors.New("x"), vendorapi.Failure{Status: 429}, workflows.Unavailable, 0, "Acme asked us to slow down."},
		{"408", errors.New("x"), vendorapi.Failure{Status: 408}, workflows.Unavailable, 0, "Acme is unavailable."},
		{"500", errors.New("x"), vendorapi.Failure{Status: 500}, workflows.Unavailable, 0, "Acme is unavailable."},
		{"503", errors.New("x"), vendorapi.Failure{Status: 503}, workflows.Unavailable, 0, "Acme is unavailable."},
		{"401", errors.New("x"), vendorapi.Failure{Status: 401}, workflows.Forbidden, 0, "Acme refused."},
		{"403", errors.New("x"), vendorapi.Failure{Status: 403}, workflows.Forbidden, 0, "Acme refused."},
		{"404", errors.New("x"), vendorapi.Failure{Status: 404}, workflows.Forbidden, 0, "Acme refused."},
		{"400", errors.New("x"), vendorapi.Failure{Status: 400}, workflows.Invalid, 0, "Acme rejected it."},
		{"409", errors.New("x"), vendorapi.Failure{Status: 409}, workflows.Invalid, 0, "Acme rejected it."},
		{"deadline", fmt.Errorf("post: %w", context.DeadlineExceeded), vendorapi.Failure{}, workflows.Unavailable, 0, "Acme did not answer in time."},
		{"cancelled", context.Canceled, vendorapi.Failure{}, workflows.Unavailable, 0, "Acme did not answer in time."},
		{"unknown", errors.New("odd"), vendorapi.Failure{}, workflows.Internal, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := acme().Classify("things.make", tt.err, tt.failure)
			if workflows.KindOf(err) != tt.kind || workflows.RetryAfterOf(err) != tt.wait || workflows.MessageOf(err) != tt.message {
				t.Errorf("kind %v after %v (%q), want %v after %v (%q)", workflows.KindOf(err), workflows.RetryAfterOf(err),
					workflows.MessageOf(err), tt.kind, tt.wait, tt.message)
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("the cause is lost: %v", err)
			}
			if !strings.Contains(err.Error(), "acme things.make: ") {
				t.Errorf("error %q does not name the call", err)
			}
		})
	}
	if acme().Classify("x", nil, vendorapi.Failure{Status: 500}) != nil {
		t.Error("Classify(nil) != nil")
	}
}

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		value string
		want  time.Duration
	}{
		{"", 0},
		{"7", 7 * time.Second},
		{"0", 0},
		{"-3", 0},
		{"soon", 0},
		{"Mon, 02 Jan 2006 15:04:05 GMT", 0}, // a date past
	}
	for _, tt := range tests {
		if got := vendorapi.RetryAfter(tt.value); got != tt.want {
			t.Errorf("RetryAfter(%q) = %v, want %v", tt.value, got, tt.want)
		}
	}
	future := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	if got := vendorapi.RetryAfter(future); got < 59*time.Minute || got > time.Hour {
		t.Errorf("RetryAfter(an hour from now) = %v", got)
	}
}

// Vendor error text reaches the log and jobs.last_error: no address, no
// query string may survive in it.
func TestScrub(t *testing.T) {
	tests := []struct{ in, want string }{
		{`UnexpectedResponseError URL=https://api.mailgun.net/v3/mg.example.org/events?begin=1&event=accepted&limit=300&recipient=ada%40example.org ExpectedOneOf=[]int{200, 202, 204} Got=500 Error: oops`,
			`UnexpectedResponseError URL=https://api.mailgun.net/v3/mg.example.org/events ExpectedOneOf=[]int{200, 202, 204} Got=500 Error: oops`},
		{`Get "http://127.0.0.1:9/1/boards/b1/cards?key=k&token=t": dial tcp: connection refused`,
			`Get "http://127.0.0.1:9/1/boards/b1/cards": dial tcp: connection refused`},
		{`{"message":"to parameter is not a valid address: Ada <ada.l+x@mail.example.org>"}`,
			`{"message":"to parameter is not a valid address: Ada <[address]>"}`},
		{`recipient bob%40example.org bounced`, `recipient [address] bounced`},
		{`are you there? yes`, `are you there? yes`},
		{`@mention and trailing @`, `@mention and trailing @`},
		{`nothing to hide`, `nothing to hide`},
	}
	for _, tt := range tests {
		if got := vendorapi.Scrub(tt.in); got != tt.want {
			t.Errorf("Scrub(%q)\n = %q\nwant %q", tt.in, got, tt.want)
		}
	}
	err := acme().Classify("events.list", errors.New(tests[0].in), vendorapi.Failure{Status: 500})
	if strings.Contains(err.Error(), "ada") || strings.Contains(err.Error(), "recipient=") {
		t.Errorf("classified error keeps the address: %v", err)
	}
}

func TestSecretNeverPrints(t *testing.T) {
	s := vendorapi.Secret("hunter2")
	var log strings.Builder
	slog.New(slog.NewTextHandler(&log, nil)).Info("x", "secret", s)
	text, _ := s.MarshalText()
	for _, got := range []string{fmt.Sprint(s), fmt.Sprintf("%v %s %q %#v %+v", s, s, s, s, s), log.String(), string(text)} {
		if strings.Contains(got, "hunter2") {
			t.Errorf("secret shown: %s", got)
		}
	}
	if string(s) != "hunter2" {
		t.Error("the value itself is lost")
	}
}
