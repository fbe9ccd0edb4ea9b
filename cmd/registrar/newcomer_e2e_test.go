package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestBrowserNewcomerFollowsTheREADME walks the README as a newcomer: its
// example `event create` gives an event open for sign-up today; they sign up,
// confirm through the link's page, sign in through the emailed link, and the
// header leads to their registrations.
func TestBrowserNewcomerFollowsTheREADME(t *testing.T) {
	ctx := browser(t)
	dbURL := sqlstoretest.URL(t) // the README's commands on the default database: SQLite only
	app := startApp(t, dbURL)
	args := readmeEventCreate(t)
	var out, errOut bytes.Buffer
	if err := run(t.Context(), args, []string{"REGISTRAR_DATABASE_URL=" + dbURL, "REGISTRAR_BASE_URL=" + app.URL}, &out, &errOut); err != nil {
		t.Fatalf("the README's event create %q: %v\n%s", args, err, errOut.String())
	}
	if strings.Contains(errOut.String(), "warning") {
		t.Fatalf("the README's example event warns: %s", errOut.String())
	}
	slug := args[indexOf(args, "--slug")+1]
	student := `[data-testid="student-form"]`
	err := chromedp.Do(ctx,
		chromedp.Navigate(app.URL+"/"),
		chromedp.WaitVisible(`a[href="/events/`+slug+`"]`),
		chromedp.Click(`a[href="/events/`+slug+`"]`),
		chromedp.WaitVisible(student),
		chromedp.SendKeys(student+` [name="name"]`, "Ada Lovelace"),
		chromedp.SendKeys(student+` [name="email"]`, "ada@example.org"),
		chromedp.Submit(student+` [name="name"]`),
		chromedp.WaitVisible(`[data-testid="check-email"]`),
	)
	if err != nil {
		t.Fatalf("sign up: %v", err)
	}
	const loginPattern = `http://\S+/login/[a-z0-9]+`
	before := mailedLinks(t, app, "ada@example.org", workflows.EmailLoginLink, loginPattern)
	err = chromedp.Do(ctx,
		chromedp.Navigate(confirmLink(t, app, "ada@example.org")),
		chromedp.WaitVisible(`[data-testid="confirm-ready"]`),
		screenshot("newcomer-confirm-ready"),
		chromedp.Click(`[data-testid="confirm-form"] button`),
		chromedp.WaitVisible(`[data-testid="confirm-confirmed"]`),
		chromedp.Navigate(app.URL+"/login"),
		chromedp.WaitVisible(`[data-testid="login-form"]`),
		chromedp.SendKeys(`#login-email`, "ada@example.org"),
		chromedp.Submit(`#login-email`),
		chromedp.WaitVisible(`[data-testid="login-sent"]`),
	)
	if err != nil {
		t.Fatalf("confirm and ask for a sign-in link: %v", err)
	}
	err = chromedp.Do(ctx,
		followLink(mailedLink(t, app, "ada@example.org", workflows.EmailLoginLink, loginPattern, before), "login-link-form"),
		chromedp.WaitVisible(`[data-testid="user-name"]`),
		chromedp.Navigate(app.URL+"/events/"+slug), // a public page: the header still leads home
		chromedp.WaitVisible(`[data-testid="areas"] a[href="/me"]`),
		chromedp.Click(`[data-testid="areas"] a[href="/me"]`),
		chromedp.WaitVisible(`[data-testid="areas"] a[href="/me"][aria-current]`),
		screenshot("newcomer-me"),
	)
	if err != nil {
		t.Fatalf("sign in and go to /me: %v", err)
	}
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err != nil || loc != app.URL+"/me" {
		t.Fatalf("the header link led to %q (%v), want /me", loc, err)
	}
}

// readmeEventCreate returns the arguments of the README's example
// `go run ./cmd/registrar event create …` command, as a shell would split it.
func readmeEventCreate(t *testing.T) []string {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	cmd := regexp.MustCompile(`go run \./cmd/registrar (event create(?:[^\n]*\\\n)*[^\n]*)`).FindSubmatch(readme)
	if cmd == nil {
		t.Fatal("the README has no `go run ./cmd/registrar event create` example")
	}
	return shellWords(strings.ReplaceAll(string(cmd[1]), "\\\n", " "))
}

// shellWords splits a command line on blanks, keeping double-quoted words whole.
func shellWords(s string) []string {
	var words []string
	var w strings.Builder
	quoted, inWord := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case (r == ' ' || r == '\t') && !quoted:
			if inWord {
				words, inWord = append(words, w.String()), false
				w.Reset()
			}
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

func indexOf(args []string, s string) int {
	for i, a := range args {
		if a == s {
			return i
		}
	}
	return -1
}
