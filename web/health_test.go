package web_test

import (
	"encoding/json"
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/web"
)

// integrationsOnAndOff are one integration of each state, with the IDs
// only organizers may see.
func integrationsOnAndOff(s *web.Server) {
	s.Config.Integrations = []web.Integration{
		{Name: "mailgun", Instead: "email goes to the dev mailbox", Missing: []string{"REGISTRAR_MAILGUN_DOMAIN", "REGISTRAR_MAILGUN_API_KEY"}},
		{Name: "sheets", On: true, Target: "spreadsheet sheet-id-1234"},
		{Name: "trello", On: true, Target: "board board-id-5678"},
	}
}

// /healthz is public: which integrations are on and whether the database
// answers, and nothing that names the organizers' spreadsheet or board.
func TestHealthSaysOnlyWhatIsOn(t *testing.T) {
	app := newTestApp(t, sqlstoretest.Open(t), 0, integrationsOnAndOff)
	w := app.get(t, "/healthz")
	if w.Code != http.StatusOK {
		t.Fatalf("healthz = %d, want 200", w.Code)
	}
	body := w.Body.String()
	var got struct {
		Status, Database string
		Integrations     map[string]string
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"mailgun": "off", "sheets": "on", "trello": "on"}
	if got.Status != "ok" || got.Database != "ok" || !maps.Equal(got.Integrations, want) {
		t.Errorf("healthz = %s, want status and database ok, integrations %v", body, want)
	}
	for _, secret := range []string{"sheet-id-1234", "board-id-5678", "dev mailbox", "REGISTRAR_"} {
		if strings.Contains(body, secret) {
			t.Errorf("healthz tells strangers %q: %s", secret, body)
		}
	}
}

// Organizers see what each integration writes to, or what would turn it on.
func TestDashboardShowsIntegrations(t *testing.T) {
	app := newTestApp(t, sqlstoretest.Open(t), 0, integrationsOnAndOff)
	w := app.signInOrganizer(t, "grace@example.org").get(t, "/admin")
	if w.Code != http.StatusOK {
		t.Fatalf("GET /admin = %d", w.Code)
	}
	var got []string
	doc(t, w).Find(`[data-testid="integrations"] li`).Each(func(_ int, li *goquery.Selection) {
		on := li.Find(".dot-on").Length() == 1
		got = append(got, strings.Join(strings.Fields(li.Text()), " ")+map[bool]string{true: " [on]", false: " [off]"}[on])
	})
	want := []string{
		"Mailgun off: email goes to the dev mailbox To turn it on, set REGISTRAR_MAILGUN_DOMAIN and REGISTRAR_MAILGUN_API_KEY. [off]",
		"Google Sheets on (spreadsheet sheet-id-1234) [on]",
		"Trello on (board board-id-5678) [on]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("integrations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
