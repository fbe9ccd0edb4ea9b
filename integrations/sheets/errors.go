package sheets

import (
	"errors"

	"google.golang.org/api/googleapi"

	"registrar/integrations/vendorapi"
)

// classify gives a Sheets API failure our kind (see vendorapi.API.Classify).
func classify(op string, err error) error {
	var f vendorapi.Failure
	if gerr, ok := errors.AsType[*googleapi.Error](err); ok {
		f = vendorapi.Failure{Status: gerr.Code, RetryAfter: gerr.Header.Get("Retry-After")}
	}
	api := vendorapi.API{Prefix: "sheets", Name: "Google Sheets",
		Refused: "Google Sheets refused access to the spreadsheet.", Rejected: "Google Sheets rejected the change."}
	return api.Classify(op, err, f)
}
