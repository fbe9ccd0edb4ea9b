package main

// Links and IDs the browser and admin tests read from the running app.

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"registrar/web/emails"
	"registrar/workflows"
)

// adminAdd runs `registrar admin add` against the database a server is
// using and returns the printed sign-in link.
func adminAdd(t *testing.T, dbURL, base, addr string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	env := []string{"REGISTRAR_DATABASE_URL=" + dbURL, "REGISTRAR_BASE_URL=" + base}
	if err := run(t.Context(), []string{"admin", "add", addr}, env, &out, &errOut); err != nil {
		t.Fatalf("registrar admin add: %v\n%s", err, errOut.String())
	}
	link := regexp.MustCompile(`http://\S+/login/[a-z0-9]+`).FindString(out.String())
	if !strings.HasPrefix(link, base+"/login/") {
		t.Fatalf("registrar admin add printed no link under %s: %q", base, out.String())
	}
	return link
}

// confirmLink reads the confirmation link emailed to addr.
func confirmLink(t *testing.T, app *runningApp, addr string) string {
	t.Helper()
	return mailedLink(t, app, addr, workflows.EmailConfirmSignup, `http://\S+/confirm/[a-z0-9]+`, nil)
}

// mailedLinks lists the links matching pattern in the emails of kind to
// addr. It reads the dev mailbox, the delivery while Mailgun is off: the
// outbox drops a body once the email is handed over.
func mailedLinks(t *testing.T, app *runningApp, addr string, kind workflows.EmailKind, pattern string) []string {
	t.Helper()
	msgs, err := app.DB.DevMessages(t.Context(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range msgs {
		if l := regexp.MustCompile(pattern).FindString(m.Text); m.To == addr && m.Kind == string(kind) && l != "" {
			out = append(out, l)
		}
	}
	return out
}

// mailedLink waits for a link in an email of kind to addr that is not one
// of before.
func mailedLink(t *testing.T, app *runningApp, addr string, kind workflows.EmailKind, pattern string, before []string) string {
	t.Helper()
	var link string
	pollUntil(t, "a "+string(kind)+" email to "+addr, 10*time.Second, func() (bool, string) {
		for _, l := range mailedLinks(t, app, addr, kind, pattern) {
			if !slices.Contains(before, l) {
				link = l
			}
		}
		return link != "", ""
	})
	return link
}

// signInLink asks for a sign-in link for addr and reads it from the mail.
func signInLink(t *testing.T, app *runningApp, addr string) string {
	t.Helper()
	const pattern = `http://\S+/login/[a-z0-9]+`
	before := mailedLinks(t, app, addr, workflows.EmailLoginLink, pattern)
	accounts := &workflows.Accounts{Store: app.DB, Emails: emails.New(app.URL), Clock: app.Clock, Links: links{app.URL}}
	if err := accounts.RequestLogin(t.Context(), addr); err != nil {
		t.Fatal(err)
	}
	return mailedLink(t, app, addr, workflows.EmailLoginLink, pattern, before)
}

// registrationOf returns the ID of addr's first registration.
func registrationOf(t *testing.T, app *runningApp, addr string) string {
	t.Helper()
	person := mustPerson(t, app, addr)
	var id string
	err := app.DB.InTx(t.Context(), func(tx workflows.Tx) error {
		regs, err := tx.Registrations.RegistrationsOfPerson(t.Context(), person)
		if err == nil {
			id = regs[0].ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func mustPerson(t *testing.T, app *runningApp, addr string) string {
	t.Helper()
	var id string
	err := app.DB.InTx(t.Context(), func(tx workflows.Tx) error {
		p, err := tx.People.PersonByEmail(t.Context(), addr)
		id = p.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}
