package workflows_test

import (
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

func TestOrganizerNames(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		orgs := &workflows.Organizers{Store: db, Clock: f.clock, Links: workflowstest.Links{}}
		accounts := f.admin().Accounts
		nameOf := func(addr string) string {
			t.Helper()
			res, err := accounts.Login(t.Context(), f.loginToken(t, addr))
			if err != nil || res.Outcome != workflows.LoginOK {
				t.Fatalf("sign in %s: %v %v", addr, res.Outcome, err)
			}
			return res.Viewer.Name
		}
		signIn := func(addr string) {
			t.Helper()
			f.clock.Advance(time.Minute) // the newest link is the one to use
			if err := accounts.RequestLogin(t.Context(), addr); err != nil {
				t.Fatal(err)
			}
		}
		tests := []struct {
			name, addr, given, want string
		}{
			{"no name: the local part until they set one", "you@example.org", "", "you"},
			{"a name", "olga@example.org", "  Olga Ørsted ", "Olga Ørsted"},
			{"a known person renamed", "you@example.org", "Yu Tanaka", "Yu Tanaka"},
			{"a known person without --name keeps theirs", "olga@example.org", "", "Olga Ørsted"},
		}
		for _, tt := range tests {
			if _, err := orgs.AddNamed(t.Context(), tt.addr, tt.given); err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			signIn(tt.addr)
			if got := nameOf(tt.addr); got != tt.want {
				t.Errorf("%s: name %q, want %q", tt.name, got, tt.want)
			}
		}
		if _, err := orgs.AddNamed(t.Context(), "eve@example.org", "Eve\u202e"); workflows.FieldErrors(err)["name"] == "" {
			t.Errorf("a name with a direction override: %v, want a name field error", err)
		}
	})
}

func TestPersonSetsTheirName(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 5, 1)
		f.registered(t, "spring", workflows.RoleStudent, "ada@example.org")
		accounts := &workflows.Accounts{Store: db, Clock: f.clock, Emails: workflowstest.Renderer{}, Links: workflowstest.Links{},
			Mirrors: []workflows.JobKind{workflows.JobSheetRow}}
		if err := accounts.RequestLogin(t.Context(), "ada@example.org"); err != nil {
			t.Fatal(err)
		}
		res, err := accounts.Login(t.Context(), f.loginToken(t, "ada@example.org"))
		if err != nil {
			t.Fatal(err)
		}
		if err := accounts.SetName(t.Context(), res.Viewer, " "); workflows.FieldErrors(err)["name"] == "" {
			t.Fatalf("empty name: %v, want a name field error", err)
		}
		if err := accounts.SetName(t.Context(), res.Viewer, "Augusta Ada King"); err != nil {
			t.Fatal(err)
		}
		v, err := accounts.Viewer(t.Context(), res.Viewer.SignInID)
		if err != nil || v.Name != "Augusta Ada King" {
			t.Fatalf("name after setting it: %q, %v", v.Name, err)
		}
		if err := accounts.SetName(t.Context(), workflows.Viewer{}, "Nobody"); workflows.KindOf(err) != workflows.Forbidden {
			t.Errorf("anonymous: %v, want Forbidden", err)
		}
	})
}
