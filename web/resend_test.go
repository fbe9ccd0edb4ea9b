package web_test

import (
	"net/http"
	"strings"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// confirmEmails counts the confirmation emails queued to addr.
func (a *testApp) confirmEmails(t testing.TB, addr string) int {
	t.Helper()
	emails, err := sqlstoretest.EmailsTo(t.Context(), a.db, addr)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range emails {
		if e.Kind == workflows.EmailConfirmSignup {
			n++
		}
	}
	return n
}

// TestResendFromMe: /me offers a new link for a registration awaiting
// confirmation only; the POST queues an email whose link confirms; another
// person's registration is 404; past the address's hourly cap it is 429.
func TestResendFromMe(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		app.register(t, "big", workflows.RoleStudent, "Bob Babbage", "bob@example.org")
		ada, bob := app.signIn(t, "ada@example.org"), app.signIn(t, "bob@example.org")
		if w := ada.post(t, "/events/big/students", studentForm()); w.Code != http.StatusSeeOther {
			t.Fatalf("sign up for big: %d", w.Code)
		}
		cards := doc(t, ada.get(t, "/me")).Find(`[data-testid="my-registration"]`)
		if cards.Length() != 2 || cards.Find(`[data-testid="resend-form"]`).Length() != 1 {
			t.Fatalf("/me: %d registrations, %d resend forms; want 2 and 1", cards.Length(), cards.Find(`[data-testid="resend-form"]`).Length())
		}
		action, _ := cards.Find(`[data-testid="resend-form"]`).Attr("action")
		if !strings.HasPrefix(action, "/me/registrations/") {
			t.Fatalf("resend form posts to %q", action)
		}
		before := app.confirmEmails(t, "ada@example.org")
		if w := bob.post(t, action, nil); w.Code != http.StatusNotFound {
			t.Errorf("bob posting ada's resend: %d, want 404", w.Code)
		}
		if n := app.confirmEmails(t, "ada@example.org"); n != before {
			t.Fatalf("%d confirmation emails after bob's post, want %d", n, before)
		}
		w := ada.post(t, action, nil)
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/me" {
			t.Fatalf("resend: %d to %q", w.Code, w.Header().Get("Location"))
		}
		if flash := doc(t, ada.get(t, "/me")).Find(`[data-testid="flash"]`).Text(); !strings.Contains(flash, "ada@example.org") {
			t.Errorf("flash %q does not say where the link went", flash)
		}
		if n := app.confirmEmails(t, "ada@example.org"); n != before+1 {
			t.Fatalf("%d confirmation emails after a resend, want %d", n, before+1)
		}
		link := app.confirmPath(t, "ada@example.org")
		if w := app.post(t, link, nil); w.Code != http.StatusSeeOther {
			t.Fatalf("follow the new link: %d", w.Code)
		}
		if d := doc(t, ada.get(t, "/me")); d.Find(`[data-testid="resend-form"]`).Length() != 0 {
			t.Error("/me still offers a resend once confirmed")
		}
		if w := ada.post(t, action, nil); w.Code != http.StatusConflict {
			t.Errorf("resend once confirmed: %d, want 409", w.Code)
		}
	})
}

// TestResendFromMeCap: the address gets at most ConfirmEmailsPerHour
// confirmation emails an hour, the sign-up's own included; then 429 with
// Retry-After and nothing queued.
func TestResendFromMeCap(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		ada := app.signIn(t, "ada@example.org")
		if w := ada.post(t, "/events/big/students", studentForm()); w.Code != http.StatusSeeOther {
			t.Fatalf("sign up for big: %d", w.Code)
		}
		action, _ := doc(t, ada.get(t, "/me")).Find(`[data-testid="resend-form"]`).Attr("action")
		for app.confirmEmails(t, "ada@example.org") < workflows.ConfirmEmailsPerHour {
			if w := ada.post(t, action, nil); w.Code != http.StatusSeeOther {
				t.Fatalf("resend under the cap: %d", w.Code)
			}
		}
		w := ada.post(t, action, nil)
		if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
			t.Fatalf("resend over the cap: %d, Retry-After %q; want 429 with one", w.Code, w.Header().Get("Retry-After"))
		}
		if n := app.confirmEmails(t, "ada@example.org"); n != workflows.ConfirmEmailsPerHour {
			t.Errorf("%d confirmation emails, want %d", n, workflows.ConfirmEmailsPerHour)
		}
	})
}

// TestResendFromMePerClientLimit: the route shares the public forms'
// per-client limit.
func TestResendFromMePerClientLimit(t *testing.T) {
	app := newTestApp(t, sqlstoretest.Open(t), 2) // the limiter, not the store, is under test: SQLite only
	app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
	ada := app.signIn(t, "ada@example.org")
	if w := ada.post(t, "/events/big/students", studentForm()); w.Code != http.StatusSeeOther {
		t.Fatalf("sign up for big: %d", w.Code)
	}
	action, _ := doc(t, ada.get(t, "/me")).Find(`[data-testid="resend-form"]`).Attr("action")
	codes := []int{}
	for range 3 {
		codes = append(codes, ada.post(t, action, nil).Code)
	}
	if codes[len(codes)-1] != http.StatusTooManyRequests {
		t.Errorf("statuses %v, want the last 429", codes)
	}
}

// TestResendFromMentorPage: a mentor's registration awaiting confirmation
// is on /mentor, with the same button, which comes back there.
func TestResendFromMentorPage(t *testing.T) {
	app := newTestApp(t, sqlstoretest.Open(t), 0) // the page and the redirect, not the store: SQLite only
	app.register(t, "spring", workflows.RoleMentor, "Grace Hopper", "grace@example.org")
	grace := app.signIn(t, "grace@example.org")
	if w := grace.post(t, "/events/big/mentors", mentorForm()); w.Code != http.StatusSeeOther {
		t.Fatalf("sign up for big: %d", w.Code)
	}
	action, ok := doc(t, grace.get(t, "/mentor")).Find(`[data-testid="resend-form"]`).Attr("action")
	if !ok {
		t.Fatal("no resend form on /mentor")
	}
	if w := grace.post(t, action, nil); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/mentor" {
		t.Errorf("resend: %d to %q, want 303 to /mentor", w.Code, w.Header().Get("Location"))
	}
}
