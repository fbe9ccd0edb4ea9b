package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"registrar/integrations/jobs"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// runningApp is the whole application served on a free loopback port, as
// `registrar serve` runs it.
type runningApp struct {
	*App
	URL  string
	Stop func() // shuts the server down gently, as SIGTERM does, and waits
}

// startApp serves a fresh app on 127.0.0.1:0 with a database URL (a fresh
// SQLite file when empty) until the test ends.
func startApp(t *testing.T, dbURL string, extraEnv ...string) *runningApp {
	t.Helper()
	if dbURL == "" {
		dbURL = sqlstoretest.URL(t)
	}
	return serveApp(t, dbURL, AppOptions{Runner: jobs.Options{Poll: 50 * time.Millisecond}}, extraEnv...)
}

// browser returns a chromedp context on Debian's chromium, or skips.
func browser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: skipped in -short mode (make test); make test-all runs it")
	}
	path := os.Getenv("REGISTRAR_TEST_CHROMIUM")
	if path == "" {
		path, _ = exec.LookPath("chromium")
	}
	if path == "" {
		t.Skip("browser test: chromium not found; install Debian's chromium or set REGISTRAR_TEST_CHROMIUM")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 1000))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.WithoutCancel(t.Context()), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// screenshot saves the page when REGISTRAR_SCREENSHOTS names a directory.
func screenshot(name string) chromedp.Action[chromedp.Void] {
	dir := os.Getenv("REGISTRAR_SCREENSHOTS")
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if dir == "" {
			return nil
		}
		buf, err := chromedp.FullScreenshot(100)(ctx, t)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644)
	})
}

// followLink opens an emailed one-time link and presses the one button its
// page shows (the form with data-testid form): opening it changes nothing,
// because mail scanners open links too.
func followLink(link, form string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		return chromedp.Do(ctx,
			chromedp.Navigate(link),
			chromedp.WaitVisible(`[data-testid="`+form+`"] button`),
			chromedp.Click(`[data-testid="`+form+`"] button`))
	})
}

func TestBrowserStudentSignsUpAndConfirms(t *testing.T) {
	ctx := browser(t)
	app := startApp(t, "")
	events := &workflows.Events{Store: app.DB, Clock: app.Clock}
	if _, err := events.Create(t.Context(), workflows.EventInput{Slug: "upstream-2026", Title: "OpenStack Upstream Training",
		Location: "Berlin", Timezone: "Europe/Berlin", StartsOn: "2026-12-07", EndsOn: "2026-12-09", StudentCapacity: 30, MentorCapacity: 10}); err != nil {
		t.Fatal(err)
	}
	student := `[data-testid="student-form"]`
	err := chromedp.Do(ctx,
		chromedp.Navigate(app.URL+"/events/upstream-2026"),
		chromedp.WaitVisible(student),
		screenshot("event"),
		// A typo in the address first: the form comes back with the error
		// beside the field and the other answers kept.
		chromedp.SendKeys(student+` [name="name"]`, "Ada Lovelace"),
		chromedp.SendKeys(student+` [name="email"]`, "ada.example.org"),
		chromedp.SendKeys(student+` [name="goals"]`, "Land my first patch in Nova"),
		chromedp.Submit(student+` [name="name"]`),
		chromedp.WaitVisible(`[data-testid="error-email"]`),
		screenshot("event-error"),
		chromedp.SetValue(student+` [name="email"]`, "ada@example.org"),
		chromedp.Submit(student+` [name="name"]`),
		chromedp.WaitVisible(`[data-testid="check-email"]`),
		screenshot("check-email"),
	)
	if err != nil {
		t.Fatalf("sign up: %v", err)
	}
	// The worker delivers the confirmation to the dev mailbox.
	err = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for {
			if _, err := chromedp.Navigate(app.URL+"/dev/mailbox")(ctx, t); err != nil {
				return err
			}
			n, err := chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="mailbox-row"]').length`)(ctx, t)
			if err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(100 * time.Millisecond):
			}
		}
	}),
		screenshot("mailbox"),
		chromedp.Click(`[data-testid="mailbox-row"] a`),
		chromedp.WaitVisible(`[data-testid="mailbox-text"]`),
		screenshot("mailbox-message"),
	)
	if err != nil {
		t.Fatalf("dev mailbox: %v", err)
	}
	mailText, err := chromedp.Run(ctx, chromedp.Text(`[data-testid="mailbox-text"]`))
	if err != nil {
		t.Fatalf("read email: %v", err)
	}
	link := regexp.MustCompile(`http://\S+/confirm/[a-z0-9]+`).FindString(mailText)
	if link == "" || !strings.HasPrefix(link, app.URL) {
		t.Fatalf("no confirmation link under %s in:\n%s", app.URL, mailText)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(link),
		chromedp.WaitVisible(`[data-testid="confirm-form"]`),
		screenshot("confirm-ready"),
		chromedp.Click(`[data-testid="confirm-form"] button`),
		chromedp.WaitVisible(`[data-testid="confirm-confirmed"]`),
		screenshot("confirmed"),
	)
	if err != nil {
		t.Fatalf("confirm: %v", err)
	}
	heading, err := chromedp.Run(ctx, chromedp.Text(`[data-testid="confirm-confirmed"] h1`))
	if err != nil {
		t.Fatalf("confirm: %v", err)
	}
	if heading != "You're in" {
		t.Errorf("confirmed page heading = %q", heading)
	}
}
