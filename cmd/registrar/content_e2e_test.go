package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestBrowserSignupWithCodeOfConductInTheBrowsersZone signs up in a browser
// whose zone is Asia/Tokyo on an event with a code of conduct: timezone.js
// preselects Tokyo, a sign-up without the box comes back with its error and
// every answer (Tokyo too), and ticking the box signs up, the acceptance
// stored.
func TestBrowserSignupWithCodeOfConductInTheBrowsersZone(t *testing.T) {
	ctx := browser(t)
	dbURL := sqlstoretest.URL(t)
	app := startApp(t, dbURL)
	starts := time.Now().AddDate(0, 2, 0)
	args := []string{"event", "create", "--slug", "winter", "--title", "Winter Training", "--location", "Online",
		"--starts", starts.Format(time.DateOnly), "--ends", starts.AddDate(0, 0, 2).Format(time.DateOnly),
		"--student-capacity", "5", "--mentor-capacity", "2", "--code-of-conduct", "https://example.org/coc",
		"--description", "Bring a laptop.\n\nMore at https://example.org/more."}
	var out, errOut bytes.Buffer
	if err := run(t.Context(), args, []string{"REGISTRAR_DATABASE_URL=" + dbURL, "REGISTRAR_BASE_URL=" + app.URL}, &out, &errOut); err != nil {
		t.Fatalf("event create: %v\n%s", err, errOut.String())
	}
	const student = `[data-testid="student-form"]`
	zone := chromedp.Evaluate[string](`document.querySelector('#student-timezone').value`)
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Asia/Tokyo"})
			return err
		}),
		chromedp.Navigate(app.URL+"/events/winter"),
		chromedp.WaitVisible(student),
		chromedp.WaitVisible(`[data-testid="description"] a[href="https://example.org/more"]`),
	)
	if err != nil {
		t.Fatalf("open the event page: %v", err)
	}
	if got, err := chromedp.Run(ctx, zone); err != nil || got != "Asia/Tokyo" {
		t.Fatalf("time zone preselected = %q (%v), want the browser's Asia/Tokyo", got, err)
	}
	err = chromedp.Do(ctx,
		chromedp.SendKeys(student+` [name="name"]`, "Ada Lovelace"),
		chromedp.SendKeys(student+` [name="email"]`, "ada@example.org"),
		chromedp.Submit(student+` [name="name"]`),
		chromedp.WaitVisible(`[data-testid="error-code_of_conduct"]`),
	)
	if err != nil {
		t.Fatalf("sign up without accepting: %v", err)
	}
	name, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#student-name').value`))
	if got, err := chromedp.Run(ctx, zone); err != nil || got != "Asia/Tokyo" || name != "Ada Lovelace" {
		t.Fatalf("after the 422: zone %q, name %q (%v); want both kept", got, name, err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(`#student-coc`),
		chromedp.Submit(student+` [name="name"]`),
		chromedp.WaitVisible(`[data-testid="check-email"]`),
	)
	if err != nil {
		t.Fatalf("sign up accepting: %v", err)
	}
	err = app.DB.View(t.Context(), func(tx workflows.Tx) error {
		p, err := tx.People.PersonByEmail(t.Context(), "ada@example.org")
		if err != nil {
			return err
		}
		coc, err := tx.Contents.CoCAcceptances(t.Context(), p.ID)
		if p.Timezone != "Asia/Tokyo" || len(coc) != 1 {
			t.Errorf("stored zone %q, %d acceptances; want Asia/Tokyo and 1", p.Timezone, len(coc))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
