package main

// The rig that starts the whole app against the vendor fakes, shared by the
// webhook, sync and erasure tests.

import (
	"context"
	"io"
	"log/slog"
	"net"
	"sync"
	"testing"
	"time"

	"registrar/integrations/mailgun/mailguntest"
	"registrar/integrations/sheets/sheetstest"
	"registrar/integrations/trello/trellotest"
	"registrar/workflows"
)

// vendorFakes are the three vendor APIs, faked in process.
type vendorFakes struct {
	sheets *sheetstest.Server
	trello *trellotest.Server
	mail   *mailguntest.Server
}

func newVendorFakes(t *testing.T) vendorFakes {
	t.Helper()
	return vendorFakes{sheets: sheetstest.New(t), trello: trellotest.New(t), mail: mailguntest.New(t)}
}

// env configures all three integrations against the fakes.
func (f vendorFakes) env() []string {
	return []string{
		"REGISTRAR_SHEETS_SPREADSHEET_ID=" + sheetstest.SpreadsheetID, "REGISTRAR_SHEETS_ENDPOINT=" + f.sheets.Endpoint(),
		"REGISTRAR_TRELLO_KEY=" + trellotest.Key, "REGISTRAR_TRELLO_TOKEN=" + trellotest.Token, "REGISTRAR_TRELLO_BOARD_ID=" + f.trello.BoardID,
		"REGISTRAR_TRELLO_API_BASE=" + f.trello.APIBase(), "REGISTRAR_TRELLO_SECRET=" + trellotest.Secret,
		"REGISTRAR_MAILGUN_DOMAIN=" + mailguntest.Domain, "REGISTRAR_MAILGUN_API_KEY=" + mailguntest.APIKey,
		"REGISTRAR_MAILGUN_API_BASE=" + f.mail.URL, "REGISTRAR_MAILGUN_WEBHOOK_KEY=" + mailguntest.WebhookKey,
	}
}

// serveApp runs the whole app on a free loopback port with opts and env
// until the test ends.
func serveApp(t *testing.T, dbURL string, opts AppOptions, env ...string) *runningApp {
	t.Helper()
	return serveAppAt(t, dbURL, workflows.ClockFunc(time.Now), opts, env...)
}

// serveAppAt is serveApp with the app's clock given.
func serveAppAt(t *testing.T, dbURL string, clock workflows.Clock, opts AppOptions, env ...string) *runningApp {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	cfg, err := LoadConfig(append([]string{"REGISTRAR_DATABASE_URL=" + dbURL, "REGISTRAR_BASE_URL=" + base, "REGISTRAR_SIGNUP_RATE_LIMIT=0"}, env...))
	if err != nil {
		t.Fatal(err)
	}
	app, err := NewApp(t.Context(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), clock, opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.WithoutCancel(t.Context()))
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := app.Serve(ctx, ln); err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	stop := sync.OnceFunc(func() { cancel(); wg.Wait() })
	t.Cleanup(func() { stop(); app.Close() })
	return &runningApp{App: app, URL: base, Stop: stop}
}

// eventually polls cond until it holds or ten seconds pass.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	pollUntil(t, what, 10*time.Second, func() (bool, string) { return cond(), "" })
}

func (a *runningApp) status(t *testing.T, registrationID string) workflows.Status {
	t.Helper()
	var st workflows.Status
	if err := a.DB.InTx(t.Context(), func(tx workflows.Tx) error {
		r, err := tx.Registrations.RegistrationByID(t.Context(), registrationID)
		st = r.Status
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return st
}
