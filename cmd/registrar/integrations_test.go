package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"registrar/integrations/mailgun/mailguntest"
	"registrar/integrations/sheets/sheetstest"
)

// With every integration on, /healthz says so and names none of the
// organizers' spreadsheet, board or mail domain.
func TestHealthNamesNoVendorIDs(t *testing.T) {
	fakes := newVendorFakes(t)
	app := startApp(t, "", fakes.env()...)
	resp, err := http.Get(app.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if want := `"integrations":{"mailgun":"on","sheets":"on","trello":"on"}`; resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
		t.Errorf("healthz = %d %s, want 200 with %s", resp.StatusCode, body, want)
	}
	for _, id := range []string{sheetstest.SpreadsheetID, fakes.trello.BoardID, mailguntest.Domain} {
		if strings.Contains(string(body), id) {
			t.Errorf("healthz names %q: %s", id, body)
		}
	}
}
