package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// pending returns the student's registration awaiting confirmation in
// "summer", made on first use: she signs up there after signing in, so it
// stays pending.
func (f *matrixFixture) pending() string {
	if f.pendingReg == "" {
		ctx := context.Background()
		events := &workflows.Events{Store: f.app.db, Clock: f.app.clock}
		if _, err := events.Create(ctx, workflows.EventInput{Slug: "summer", Title: "Upstream Summer", Location: "Online",
			Timezone: "UTC", StartsOn: "2026-07-01", EndsOn: "2026-07-02", StudentCapacity: 5, MentorCapacity: 1}); err != nil {
			return "no-event"
		}
		out, err := f.app.srv.Signups.SignUp(ctx, workflows.SignupInput{EventSlug: "summer", Role: workflows.RoleStudent,
			Name: "Ada Lovelace", Email: "ada@example.org", Timezone: "UTC"})
		if err != nil {
			return "no-registration"
		}
		f.pendingReg = out.RegistrationID
	}
	return f.pendingReg
}

// peopleRows are the matrix rows of confirmation resends and person edits.
func peopleRows() map[string]struct {
	req  request
	want [len(personas)]int
} {
	type row = struct {
		req  request
		want [len(personas)]int
	}
	details := url.Values{"name": {"Ada King"}, "email": {"ada@example.org"}, "timezone": {"UTC"}}
	return map[string]row{
		// Only the student's own: everyone else's answer is as for no such registration.
		"POST /me/registrations/{id}/resend": {fixturePost(func(f *matrixFixture) string { return "/me/registrations/" + f.pending() + "/resend" }, noForm),
			[...]int{see, see, notFound, notFound, notFound}},
		"POST /admin/registrations/{id}/resend": {fixturePost(func(f *matrixFixture) string { return "/admin/registrations/" + f.pending() + "/resend" }, noForm),
			adminAction},
		"GET /admin/people/{id}/edit": {adaPerson("/edit", http.MethodGet, nil), adminPage},
		"POST /admin/people/{id}":     {adaPerson("", http.MethodPost, details), adminAction},
	}
}

// TestPeopleRoutesRefuseCrossOrigin posts to each new route from another
// site as the person allowed to use it: 403, and nothing is sent or saved.
func TestPeopleRoutesRefuseCrossOrigin(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newMatrixFixture(t, db)
		student, org, pending := f.clients[1], f.clients[4], f.pending()
		before := f.app.count(t, "outbound_emails")
		for _, c := range []struct {
			who  *client
			path string
			form url.Values
		}{
			{student, "/me/registrations/" + pending + "/resend", nil},
			{org, "/admin/registrations/" + pending + "/resend", nil},
			{org, "/admin/people/" + f.adaID, url.Values{"name": {"Mallory"}, "email": {"ada@example.org"}, "timezone": {"UTC"}}},
		} {
			for _, h := range [][2]string{{"Sec-Fetch-Site", "cross-site"}, {"Origin", "https://evil.example"}} {
				r := newRequest(http.MethodPost, c.path, strings.NewReader(c.form.Encode()))
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				r.Header.Set(h[0], h[1])
				if w := c.who.do(t, r); w.Code != http.StatusForbidden {
					t.Errorf("POST %s with %s: %s: status %d, want 403", c.path, h[0], h[1], w.Code)
				}
			}
		}
		if n := f.app.count(t, "outbound_emails"); n != before {
			t.Errorf("%d emails after cross-site posts, want %d", n, before)
		}
		d := doc(t, org.get(t, "/admin/people/"+f.adaID))
		if name := strings.TrimSpace(d.Find(`[data-testid="person-name"]`).Text()); name != "Ada Lovelace" {
			t.Errorf("name %q after a cross-site edit", name)
		}
	})
}
