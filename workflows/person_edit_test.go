package workflows_test

import (
	"strings"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

// TestEditPerson: an organizer's edit saves the details, writes one audit
// line naming each change (old → new) and queues the person's mirrors
// again; bad input is Invalid per field and changes nothing.
func TestEditPerson(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 5, 5)
		regID := f.registered(t, "spring", workflows.RoleStudent, "ada@example.org")
		f.registered(t, "spring", workflows.RoleStudent, "bob@example.org")
		svc := workflows.NewServices(workflows.Deps{Store: db, Clock: f.clock, Emails: workflowstest.Renderer{},
			Links: workflowstest.Links{}, Mirrors: []workflows.JobKind{workflows.JobSheetRow, workflows.JobTrelloCard}})
		reg := f.registration(t, regID)
		admin := svc.PeopleAdmin
		in := workflows.PersonEdit{Name: " Ada King ", Email: "ada@example.org", Company: "Engines", IRC: "ada", Timezone: "Europe/Berlin"}

		for name, c := range map[string]struct {
			edit  func(*workflows.PersonEdit)
			field string
		}{
			"no name":        {func(e *workflows.PersonEdit) { e.Name = "  " }, "name"},
			"bad address":    {func(e *workflows.PersonEdit) { e.Email = "ada@" }, "email"},
			"taken address":  {func(e *workflows.PersonEdit) { e.Email = "BOB@example.org" }, "email"},
			"unknown zone":   {func(e *workflows.PersonEdit) { e.Timezone = "Mars/Olympus" }, "timezone"},
			"long nick":      {func(e *workflows.PersonEdit) { e.IRC = strings.Repeat("a", workflows.MaxIRC+1) }, "irc"},
			"hidden control": {func(e *workflows.PersonEdit) { e.Company = "Eng\u202eines" }, "company"},
		} {
			bad := in
			c.edit(&bad)
			_, err := admin.EditPerson(t.Context(), organizer, reg.PersonID, bad)
			if fields := workflows.FieldErrors(err); fields[c.field] == "" {
				t.Errorf("%s: %v, want an error for %s", name, err, c.field)
			}
		}
		if _, err := admin.EditPerson(t.Context(), workflows.Viewer{PersonID: reg.PersonID, Student: true}, reg.PersonID, in); workflows.KindOf(err) != workflows.Forbidden {
			t.Errorf("a student editing: %v, want Forbidden", err)
		}
		if n := f.count(t, "audit_log"); n != 0 {
			t.Fatalf("%d audit lines after refused edits", n)
		}

		f.clock.Advance(time.Minute)
		changes, err := admin.EditPerson(t.Context(), organizer, reg.PersonID, in)
		if err != nil || len(changes) != 3 {
			t.Fatalf("edit: %v %v, want three changes", changes, err)
		}
		p := f.person(t, reg.PersonID)
		if p.Name != "Ada King" || p.Timezone != "Europe/Berlin" || p.Company != "Engines" {
			t.Errorf("person after the edit: %+v", p)
		}
		entries, err := svc.AuditTrail.Entries(t.Context(), organizer, workflows.AuditFilter{PersonID: reg.PersonID})
		if err != nil || len(entries) != 1 || entries[0].Action != workflows.AuditPersonEdit {
			t.Fatalf("audit: %+v %v", entries, err)
		}
		for _, want := range []string{"name “Ada Lovelace” → “Ada King”", "time zone “Europe/London” → “Europe/Berlin”"} {
			if !strings.Contains(entries[0].Detail, want) {
				t.Errorf("audit line %q lacks %q", entries[0].Detail, want)
			}
		}
		f.requeued(t, regID, f.clock.Now())
		if changes, err := admin.EditPerson(t.Context(), organizer, reg.PersonID, in); err != nil || len(changes) != 0 {
			t.Errorf("the same edit again: %v %v, want nothing changed", changes, err)
		}
		if n := f.count(t, "audit_log"); n != 1 {
			t.Errorf("%d audit lines after an edit that changed nothing, want 1", n)
		}
	})
}

// TestEditPersonAddress: a new address must be nobody else's; the links
// emailed to the old one stop working and a bounce of it is forgotten.
func TestEditPersonAddress(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 5, 5)
		reg := f.pending(t, "spring", "ada@exmaple.org") // a typo at sign-up
		old := f.confirmToken(t, "ada@exmaple.org")
		if err := db.InTx(t.Context(), func(tx workflows.Tx) error { return tx.People.MarkUndeliverable(t.Context(), reg.PersonID) }); err != nil {
			t.Fatal(err)
		}
		admin := f.admin().PeopleAdmin
		in := workflows.PersonEdit{Name: reg.Person.Name, Email: " Ada@Example.org", Timezone: reg.Person.Timezone,
			Company: reg.Person.Company, IRC: reg.Person.IRC}
		if _, err := admin.EditPerson(t.Context(), organizer, reg.PersonID, in); err != nil {
			t.Fatalf("change address: %v", err)
		}
		p := f.person(t, reg.PersonID)
		if p.Email != "ada@example.org" || p.Undeliverable {
			t.Errorf("after the change: %q undeliverable=%v", p.Email, p.Undeliverable)
		}
		if s, _ := f.signups.ConfirmLinkState(t.Context(), old); s.Outcome == workflows.ConfirmReady {
			t.Error("the link sent to the old address still works")
		}
		if _, err := admin.ResendConfirmation(t.Context(), organizer, reg.ID); err != nil {
			t.Fatalf("resend to the new address: %v", err)
		}
		if s, _ := f.signups.ConfirmLinkState(t.Context(), f.confirmToken(t, "ada@example.org")); s.Outcome != workflows.ConfirmReady {
			t.Errorf("the new address's link: %v, want ready", s.Outcome)
		}
	})
}

func (f *fixture) registration(t *testing.T, id string) workflows.RegistrationView {
	t.Helper()
	var reg workflows.RegistrationView
	err := f.db.View(t.Context(), func(tx workflows.Tx) error {
		var err error
		reg, err = tx.Registrations.RegistrationByID(t.Context(), id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func (f *fixture) person(t *testing.T, id string) workflows.Person {
	t.Helper()
	var p workflows.Person
	err := f.db.View(t.Context(), func(tx workflows.Tx) error {
		var err error
		p, err = tx.People.PersonByID(t.Context(), id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// requeued checks that the registration's sheet row and card are due again at at.
func (f *fixture) requeued(t *testing.T, regID string, at time.Time) {
	t.Helper()
	var jobs []workflows.JobStatus
	err := f.db.View(t.Context(), func(tx workflows.Tx) error {
		var err error
		jobs, err = tx.Jobs.JobsFor(t.Context(), []string{regID})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	due := map[workflows.JobKind]bool{}
	for _, j := range jobs {
		due[j.Kind] = j.State == workflows.JobQueued && j.RunAt.Equal(at)
	}
	if !due[workflows.JobSheetRow] || !due[workflows.JobTrelloCard] {
		t.Errorf("mirrors after the edit: %+v, want the row and the card due at %v", jobs, at)
	}
}
