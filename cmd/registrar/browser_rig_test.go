package main

// Links and IDs the browser and admin tests read from the running app.

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"registrar/integrations/sqlstore/sqlstoretest"
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

// confirmLink reads the confirmation link emailed to addr from the outbox.
func confirmLink(t *testing.T, app *runningApp, addr string) string {
	t.Helper()
	msgs, err := sqlstoretest.EmailsTo(t.Context(), app.DB, addr)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if link := regexp.MustCompile(`http://\S+/confirm/[a-z0-9]+`).FindString(m.Text); m.Kind == workflows.EmailConfirmSignup && link != "" {
			return link
		}
	}
	t.Fatalf("no confirmation email to %s", addr)
	return ""
}

// signInLink asks for a sign-in link for addr and reads it from the outbox.
func signInLink(t *testing.T, app *runningApp, addr string) string {
	t.Helper()
	accounts := &workflows.Accounts{Store: app.DB, Emails: emails.New(app.URL), Clock: app.Clock, Links: links{app.URL}}
	if err := accounts.RequestLogin(t.Context(), addr); err != nil {
		t.Fatal(err)
	}
	msgs, err := sqlstoretest.EmailsTo(t.Context(), app.DB, addr)
	if err != nil {
		t.Fatal(err)
	}
	var link string
	for _, m := range msgs {
		if m.Kind == workflows.EmailLoginLink {
			link = regexp.MustCompile(`http://\S+/login/[a-z0-9]+`).FindString(m.Text)
		}
	}
	if link == "" {
		t.Fatalf("no sign-in link for %s", addr)
	}
	return link
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
