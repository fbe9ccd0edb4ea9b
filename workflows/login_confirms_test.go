package workflows_test

import (
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestSignInConfirmsPendingRegistration: following an emailed sign-in link
// proves the address, so a registration awaiting confirmation takes its seat
// (or its place in line), and the person is told, as the confirmation link
// would have done; that link then finds nothing left to do.
func TestSignInConfirmsPendingRegistration(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 1, 1)
		f.registered(t, "spring", workflows.RoleStudent, "bob@example.org") // takes the one seat
		for _, addr := range []string{"ada@example.org", "cy@example.org"} {
			if _, err := f.signups.SignUp(t.Context(), student("spring", addr)); err != nil {
				t.Fatal(err)
			}
		}
		accounts := f.admin().Accounts
		if err := accounts.RequestLogin(t.Context(), "ada@example.org"); err != nil {
			t.Fatal(err)
		}
		res, err := accounts.Login(t.Context(), f.loginToken(t, "ada@example.org"))
		if err != nil || res.Outcome != workflows.LoginOK {
			t.Fatalf("sign in: %v %v", res.Outcome, err)
		}
		emails, err := sqlstoretest.EmailsTo(t.Context(), db, "ada@example.org")
		if err != nil {
			t.Fatal(err)
		}
		told := false
		for _, e := range emails {
			told = told || (e.Kind == workflows.EmailWaitlisted && e.To == "ada@example.org")
		}
		if !told {
			t.Errorf("no waitlist email to ada after signing in: %+v", emails)
		}
		if got, err := f.signups.ConfirmLinkState(t.Context(), f.confirmToken(t, "ada@example.org")); err != nil ||
			got.Outcome != workflows.ConfirmedAgain || got.Status != workflows.StatusWaitlisted {
			t.Errorf("ada's confirmation link after signing in: %+v %v, want already, waitlisted", got, err)
		}
		if got, _ := f.signups.ConfirmLinkState(t.Context(), f.confirmToken(t, "cy@example.org")); got.Outcome != workflows.ConfirmReady {
			t.Errorf("someone else's pending registration: %v, want untouched", got.Outcome)
		}
	})
}
