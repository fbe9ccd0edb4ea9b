package trello

import (
	"errors"
	"net/http"

	trelloapi "github.com/adlio/trello"

	"registrar/integrations/vendorapi"
)

// classify gives a Trello failure our kind (see vendorapi.API.Classify) from
// what the exchange saw of the call.
func classify(op string, err error) error {
	var f vendorapi.Failure
	if ae, ok := errors.AsType[*apiError](err); ok {
		f = vendorapi.Failure{Status: ae.status, RetryAfter: ae.retryAfter, NoAnswer: ae.netErr != nil}
		if trelloapi.IsRateLimit(ae.err) {
			f.Status = http.StatusTooManyRequests
		}
	}
	api := vendorapi.API{Prefix: "trello", Name: "Trello",
		Refused: "Trello refused access to the board.", Rejected: "Trello rejected the change."}
	return api.Classify(op, err, f)
}
