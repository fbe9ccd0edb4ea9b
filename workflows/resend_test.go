package workflows_test

import (
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// confirmTokens lists the confirmation links emailed to addr, oldest first.
func (f *fixture) confirmTokens(t *testing.T, addr string) []string {
	t.Helper()
	emails, err := sqlstoretest.EmailsTo(t.Context(), f.db, addr)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range emails {
		if m := linkPattern.FindStringSubmatch(e.Text); e.Kind == workflows.EmailConfirmSignup && m != nil {
			out = append(out, m[1])
		}
	}
	return out
}

func (f *fixture) pending(t *testing.T, slug, addr string) workflows.RegistrationView {
	t.Helper()
	out, err := f.signups.SignUp(t.Context(), student(slug, addr))
	if err != nil {
		t.Fatal(err)
	}
	var reg workflows.RegistrationView
	if err := f.db.View(t.Context(), func(tx workflows.Tx) error {
		reg, err = tx.Registrations.RegistrationByID(t.Context(), out.RegistrationID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return reg
}

// TestResendConfirmationFromMe: a person asks for a new link for their own
// pending registration; the new link works and the old one still does
// until one is used, then both say "already". Someone else's registration
// is NotFound; a confirmed one is Conflict; the address's hourly cap holds.
func TestResendConfirmationFromMe(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 5, 5)
		reg := f.pending(t, "spring", "ada@example.org")
		bob := f.pending(t, "spring", "bob@example.org")
		ada := workflows.Viewer{PersonID: reg.PersonID, Student: true}
		homes := f.homes()
		if _, err := homes.ResendConfirmation(t.Context(), workflows.Viewer{PersonID: bob.PersonID, Student: true}, reg.ID); workflows.KindOf(err) != workflows.NotFound {
			t.Errorf("bob resending ada's: %v, want NotFound", err)
		}
		if _, err := homes.ResendConfirmation(t.Context(), workflows.Viewer{}, reg.ID); workflows.KindOf(err) != workflows.Forbidden {
			t.Errorf("anonymous: %v, want Forbidden", err)
		}
		if len(f.confirmTokens(t, "ada@example.org")) != 1 || len(f.confirmTokens(t, "bob@example.org")) != 1 {
			t.Fatal("refused resends sent email")
		}
		got, err := homes.ResendConfirmation(t.Context(), ada, reg.ID)
		if err != nil || got.ID != reg.ID {
			t.Fatalf("resend: %v", err)
		}
		tokens := f.confirmTokens(t, "ada@example.org")
		if len(tokens) != 2 || tokens[0] == tokens[1] {
			t.Fatalf("confirmation links after a resend: %v, want two different", tokens)
		}
		for _, tk := range tokens {
			if s, err := f.signups.ConfirmLinkState(t.Context(), tk); err != nil || s.Outcome != workflows.ConfirmReady {
				t.Errorf("link %s… before use: %v %v, want ready", tk[:6], s.Outcome, err)
			}
		}
		if res, err := f.signups.Confirm(t.Context(), tokens[1]); err != nil || res.Outcome != workflows.ConfirmedSeat {
			t.Fatalf("confirm with the new link: %v %v", res.Outcome, err)
		}
		if s, _ := f.signups.ConfirmLinkState(t.Context(), tokens[0]); s.Outcome != workflows.ConfirmedAgain {
			t.Errorf("old link after confirming: %v, want already", s.Outcome)
		}
		if _, err := homes.ResendConfirmation(t.Context(), ada, reg.ID); workflows.KindOf(err) != workflows.Conflict {
			t.Errorf("resend once confirmed: %v, want Conflict", err)
		}
	})
}

// TestResendConfirmationCap: at most ConfirmEmailsPerHour confirmation
// emails an hour to one address, however asked (the sign-up's own counts);
// an hour later it works again.
func TestResendConfirmationCap(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 5, 5)
		reg := f.pending(t, "spring", "ada@example.org")
		ada := workflows.Viewer{PersonID: reg.PersonID, Student: true}
		org := organizer
		for i := 1; i < workflows.ConfirmEmailsPerHour; i++ {
			var err error
			if i%2 == 0 {
				_, err = f.admin().PeopleAdmin.ResendConfirmation(t.Context(), org, reg.ID)
			} else {
				_, err = f.homes().ResendConfirmation(t.Context(), ada, reg.ID)
			}
			if err != nil {
				t.Fatalf("resend %d: %v", i, err)
			}
		}
		_, err := f.homes().ResendConfirmation(t.Context(), ada, reg.ID)
		if workflows.KindOf(err) != workflows.TooMany || workflows.RetryAfterOf(err) != time.Hour {
			t.Fatalf("resend over the cap: %v (retry after %v), want TooMany until the first is an hour old", err, workflows.RetryAfterOf(err))
		}
		if _, err := f.admin().PeopleAdmin.ResendConfirmation(t.Context(), org, reg.ID); workflows.KindOf(err) != workflows.TooMany {
			t.Fatalf("organizer's resend over the cap: %v, want TooMany", err)
		}
		if n := len(f.confirmTokens(t, "ada@example.org")); n != workflows.ConfirmEmailsPerHour {
			t.Fatalf("%d confirmation emails, want %d", n, workflows.ConfirmEmailsPerHour)
		}
		f.clock.Advance(time.Hour + time.Second)
		if _, err := f.homes().ResendConfirmation(t.Context(), ada, reg.ID); err != nil {
			t.Fatalf("resend an hour later: %v", err)
		}
	})
}

// TestAdminResendConfirmation: an organizer's resend is audited; anyone
// else is refused and nothing is sent.
func TestAdminResendConfirmation(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 5, 5)
		reg := f.pending(t, "spring", "ada@example.org")
		admin := f.admin().PeopleAdmin
		if _, err := admin.ResendConfirmation(t.Context(), workflows.Viewer{PersonID: reg.PersonID, Student: true}, reg.ID); workflows.KindOf(err) != workflows.Forbidden {
			t.Errorf("student: %v, want Forbidden", err)
		}
		if _, err := admin.ResendConfirmation(t.Context(), organizer, "no-such-id"); workflows.KindOf(err) != workflows.NotFound {
			t.Errorf("unknown registration: %v, want NotFound", err)
		}
		if _, err := admin.ResendConfirmation(t.Context(), organizer, reg.ID); err != nil {
			t.Fatal(err)
		}
		tokens := f.confirmTokens(t, "ada@example.org")
		if len(tokens) != 2 {
			t.Fatalf("%d confirmation links, want 2", len(tokens))
		}
		if res, err := f.signups.Confirm(t.Context(), tokens[1]); err != nil || res.Outcome != workflows.ConfirmedSeat {
			t.Errorf("the organizer's link: %v %v, want a seat", res.Outcome, err)
		}
		entries, err := f.admin().AuditTrail.Entries(t.Context(), organizer, workflows.AuditFilter{PersonID: reg.PersonID})
		if err != nil || len(entries) != 1 || entries[0].Action != workflows.AuditResendConfirm || entries[0].RegistrationID != reg.ID {
			t.Errorf("audit after a resend: %+v %v", entries, err)
		}
	})
}
