package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"registrar/integrations/mailgun/mailguntest"
	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// The sync tests' traffic: events, applicants posting the sign-up form, and
// confirmations as their emails arrive.

// Helpers of the sync acceptance tests: fixtures, sign-up traffic, waiting
// for the outbox, and checking the mirrors against the database.

func createSyncEvents(tb testing.TB, app *App) {
	tb.Helper()
	events := &workflows.Events{Store: app.DB, Clock: app.Clock}
	for _, in := range syncEvents {
		if _, err := events.Create(tb.Context(), in); err != nil {
			tb.Fatalf("create event %s: %v", in.Slug, err)
		}
	}
}

// applicant is one person signing up.
type applicant struct {
	Event string
	Role  workflows.Role
	Name  string
	Email string
}

// applicants returns people from index from on: alternating events, one in
// three a mentor.
func applicants(from, n int) []applicant {
	out := make([]applicant, 0, n)
	for i := from; i < from+n; i++ {
		role := workflows.RoleStudent
		if (i/2)%3 == 2 {
			role = workflows.RoleMentor
		}
		out = append(out, applicant{Event: syncEvents[i%2].Slug, Role: role,
			Name: fmt.Sprintf("Person %04d", i), Email: fmt.Sprintf("person%04d@example.org", i)})
	}
	return out
}

// form is the sign-up form as a browser posts it.
func (a applicant) form() url.Values {
	v := url.Values{"name": {a.Name}, "email": {a.Email}, "company": {"Example Corp"}, "irc": {"p" + a.Email[6:10]},
		"timezone": {"Europe/Berlin"}}
	if a.Role == workflows.RoleMentor {
		v.Set("projects", "nova\nneutron")
		v.Set("max_mentees", "2")
	} else {
		v.Set("project", "nova")
		v.Set("experience", "Some Python.")
		v.Set("goals", "Land a first patch.")
	}
	return v
}

// formClient is an HTTP client that, like a form post, does not follow the
// redirect to the check-your-email page.
func formClient(tb testing.TB) *http.Client {
	c := &http.Client{Timeout: 30 * time.Second, Transport: http.DefaultTransport.(*http.Transport).Clone(),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tb.Cleanup(c.CloseIdleConnections)
	return c
}

// signUpAll posts everyone's form to the app, four at a time.
func signUpAll(tb testing.TB, base string, people []applicant) {
	tb.Helper()
	c := formClient(tb)
	work := make(chan applicant)
	errs := make(chan error, len(people))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for p := range work {
				errs <- postSignup(tb.Context(), c, base, p)
			}
		})
	}
	for _, p := range people {
		work <- p
	}
	close(work)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			tb.Fatal(err)
		}
	}
}

func postSignup(ctx context.Context, c *http.Client, base string, p applicant) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/events/"+p.Event+"/"+string(p.Role)+"s", strings.NewReader(p.form().Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("sign up %s: %w", p.Email, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "/events/"+p.Event+"/check-email") {
		return fmt.Errorf("sign up %s: %s to %q, want 303 to the check-email page:\n%.500s", p.Email, resp.Status, resp.Header.Get("Location"), body)
	}
	return nil
}

var confirmLinkPattern = regexp.MustCompile(`http://\S+/confirm/[A-Za-z0-9_-]+`)

// confirmAsEmailsArrive follows each person's confirmation link as soon as
// the email carrying it reaches the fake Mailgun.
func confirmAsEmailsArrive(tb testing.TB, app *crashableApp, mail *mailguntest.Server, people []applicant, timeout time.Duration) {
	tb.Helper()
	base := app.URL
	c := formClient(tb)
	waiting := map[string]bool{}
	for _, p := range people {
		waiting[p.Email] = true
	}
	pollUntil(tb, "confirmation emails", timeout, func() (bool, string) {
		for _, m := range mail.Copies() {
			if len(m.To) != 1 || !waiting[m.To[0]] || !slices.Contains(m.Tags, string(workflows.EmailConfirmSignup)) {
				continue
			}
			link := confirmLinkPattern.FindString(m.Text)
			if !strings.HasPrefix(link, base+"/") {
				tb.Fatalf("confirmation email to %s has no link under %s:\n%s", m.To[0], base, m.Text)
			}
			req, err := http.NewRequestWithContext(tb.Context(), http.MethodPost, link, nil)
			if err != nil {
				tb.Fatal(err)
			}
			resp, err := c.Do(req)
			if err != nil {
				tb.Fatalf("confirm %s: %v", m.To[0], err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusSeeOther {
				tb.Fatalf("confirm %s: %s", m.To[0], resp.Status)
			}
			delete(waiting, m.To[0])
		}
		if len(waiting) == 0 {
			return true, ""
		}
		return false, fmt.Sprintf("%d of %d still waiting for their email; %s", len(waiting), len(people),
			emailJobs(tb, app.DB, slices.Collect(maps.Keys(waiting))))
	})
}

// emailJobs describes the send jobs of the emails queued for addrs.
func emailJobs(tb testing.TB, db *sqlstore.DB, addrs []string) string {
	tb.Helper()
	var ids []string
	for _, a := range addrs {
		emails, err := sqlstoretest.EmailsTo(tb.Context(), db, a)
		if err != nil {
			tb.Fatal(err)
		}
		for _, e := range emails {
			ids = append(ids, e.ID)
		}
	}
	var out []string
	for _, j := range outboxJobsOf(tb, db, ids) {
		out = append(out, fmt.Sprintf("%s %s: %s after %d attempts (%d failures), next at %s, last error %q",
			j.Kind, j.Key, j.State, j.Attempts, j.Failures, j.RunAt.Format(time.TimeOnly), j.LastError))
	}
	slices.Sort(out)
	return strings.Join(out, "; ")
}
