package workflows_test

import (
	"strings"
	"sync/atomic"
	"testing"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

// countingRenderer counts the confirmation emails rendered.
type countingRenderer struct {
	workflowstest.Renderer
	confirms atomic.Int32
}

func (r *countingRenderer) ConfirmSignup(d workflows.SignupEmail) (workflows.EmailContent, error) {
	r.confirms.Add(1)
	return r.Renderer.ConfirmSignup(d)
}

// TestSignUpRendersTheEmailOnce checks that a sign-up renders its
// confirmation email once, with the greeting the transaction decides: only
// someone who confirmed an address before is greeted by name.
func TestSignUpRendersTheEmailOnce(t *testing.T) {
	db := sqlstoretest.Open(t) // SQLite: the serial writer
	f := newFixture(t, db)
	r := &countingRenderer{}
	f.signups.Emails = r
	f.event(t, "spring", 10, 10)
	f.event(t, "autumn", 10, 10)
	f.event(t, "winter", 10, 10)
	f.registered(t, "spring", workflows.RoleStudent, "ada@example.org") // confirmed
	if _, err := f.signups.SignUp(t.Context(), student("spring", "bob@example.org")); err != nil {
		t.Fatal(err) // unconfirmed
	}
	tests := []struct {
		name, addr, slug string
		greeted          bool
	}{
		{"someone new", "cy@example.org", "autumn", false},
		{"known, unconfirmed", "bob@example.org", "autumn", false},
		{"known, confirmed", "ada@example.org", "autumn", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := r.confirms.Load()
			if _, err := f.signups.SignUp(t.Context(), student(tt.slug, tt.addr)); err != nil {
				t.Fatal(err)
			}
			if n := r.confirms.Load() - before; n != 1 {
				t.Errorf("rendered %d times, want 1", n)
			}
			emails, err := sqlstoretest.EmailsTo(t.Context(), db, tt.addr)
			if err != nil || len(emails) == 0 {
				t.Fatalf("emails = %v, %v", emails, err)
			}
			var text string
			for _, e := range emails {
				if strings.Contains(e.Text, "Upstream autumn") {
					text = e.Text
				}
			}
			if got := strings.Contains(text, "Ada Lovelace"); text == "" || got != tt.greeted {
				t.Errorf("email %q: greeted = %v, want %v", text, got, tt.greeted)
			}
		})
	}
}

// TestSignUpAfterEventEditSaysTheNewFacts checks that the confirmation email
// says what the event says now, not what it said to earlier sign-ups (the
// renderer keeps a stencil per event).
func TestSignUpAfterEventEditSaysTheNewFacts(t *testing.T) {
	db := sqlstoretest.Open(t) // SQLite: the serial writer
	f := newFixture(t, db)
	r := &countingRenderer{}
	f.signups.Emails = r
	ev := f.event(t, "spring", 10, 10)
	for _, addr := range []string{"ada@example.org", "bob@example.org"} {
		if _, err := f.signups.SignUp(t.Context(), student("spring", addr)); err != nil {
			t.Fatal(err)
		}
	}
	ev.Title, ev.Location = "Upstream spring, moved", "Lisbon"
	if err := db.InTx(t.Context(), func(tx workflows.Tx) error { return tx.Events.UpdateEvent(t.Context(), ev) }); err != nil {
		t.Fatal(err)
	}
	before := r.confirms.Load()
	if _, err := f.signups.SignUp(t.Context(), student("spring", "cy@example.org")); err != nil {
		t.Fatal(err)
	}
	if n := r.confirms.Load() - before; n != 1 {
		t.Errorf("rendered %d times, want 1", n)
	}
	emails, err := sqlstoretest.EmailsTo(t.Context(), db, "cy@example.org")
	if err != nil || len(emails) != 1 {
		t.Fatalf("emails = %v, %v", emails, err)
	}
	if text := emails[0].Text; !strings.Contains(text, "Upstream spring, moved") {
		t.Errorf("email %q: want the event's new title", text)
	}
}
