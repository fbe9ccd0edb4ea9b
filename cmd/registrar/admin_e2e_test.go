package main

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/web/emails"
	"registrar/workflows"
)

// TestAdminAddWhileServing runs `registrar admin add` against the SQLite
// file a running server holds open; the printed link signs in over HTTP.
func TestAdminAddWhileServing(t *testing.T) {
	dbURL := sqlstoretest.URL(t) // two processes on one SQLite file is the point: SQLite only
	app := startApp(t, dbURL)
	link := adminAdd(t, dbURL, app.URL, "olga@example.org")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Post(link, "application/x-www-form-urlencoded", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin" || len(resp.Cookies()) != 1 {
		t.Fatalf("following the link: status %d to %q with %d cookies", resp.StatusCode, resp.Header.Get("Location"), len(resp.Cookies()))
	}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, app.URL+"/admin", nil)
	req.AddCookie(resp.Cookies()[0])
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /admin with the session: status %d", resp.StatusCode)
	}
}

// TestBrowserOrganizerAcceptsASignup: `registrar admin add` while the server
// runs on the same database, the printed link signs the organizer in, they
// create an event, a student signs up on its public page and confirms, and
// the organizer accepts them.
func TestBrowserOrganizerAcceptsASignup(t *testing.T) {
	ctx := browser(t)
	dbURL := sqlstoretest.URL(t) // a browser walk of the pages; the store under them is tested on both in web/: SQLite only
	app := startApp(t, dbURL)
	link := adminAdd(t, dbURL, app.URL, "olga@example.org")

	err := chromedp.Do(ctx,
		followLink(link, "login-link-form"),
		chromedp.WaitVisible(`[data-testid="new-event"]`),
		screenshot("admin-dashboard-first"),
		chromedp.Click(`[data-testid="new-event"]`),
		chromedp.WaitVisible(`[data-testid="event-form"]`),
		chromedp.SendKeys(`#event-title`, "OpenStack Upstream Training, Berlin"),
		chromedp.SendKeys(`#event-slug`, "upstream-berlin"),
		chromedp.SendKeys(`#event-location`, "Berlin"),
		chromedp.SetValue(`#event-timezone`, "Europe/Berlin"),
		chromedp.SetValue(`#event-starts`, "2027-03-01"),
		chromedp.SetValue(`#event-ends`, "2027-03-03"),
		chromedp.SetValue(`#event-student-capacity`, "2"),
		chromedp.SetValue(`#event-mentor-capacity`, "1"),
		chromedp.Submit(`#event-title`),
		chromedp.WaitVisible(`[data-testid="event-title"]`),
		chromedp.WaitVisible(`[data-testid="no-registrations"]`),
	)
	if err != nil {
		t.Fatalf("create an event: %v", err)
	}
	location, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || location != app.URL+"/admin/events/upstream-berlin" {
		t.Fatalf("after creating: at %q (%v)", location, err)
	}

	student := `[data-testid="student-form"]`
	err = chromedp.Do(ctx,
		chromedp.Navigate(app.URL+"/events/upstream-berlin"),
		chromedp.WaitVisible(student),
		chromedp.SendKeys(student+` [name="name"]`, "Ada Lovelace"),
		chromedp.SendKeys(student+` [name="email"]`, "ada@example.org"),
		chromedp.Submit(student+` [name="name"]`),
		chromedp.WaitVisible(`[data-testid="check-email"]`),
	)
	if err != nil {
		t.Fatalf("sign up on the public page: %v", err)
	}
	err = chromedp.Do(ctx,
		followLink(confirmLink(t, app, "ada@example.org"), "confirm-form"),
		chromedp.WaitVisible(`[data-testid="confirm-confirmed"]`),
	)
	if err != nil {
		t.Fatalf("confirm: %v", err)
	}

	row := `[data-testid="registration-row"]`
	err = chromedp.Do(ctx,
		chromedp.Navigate(app.URL+"/admin/events/upstream-berlin"),
		chromedp.WaitVisible(row+`[data-status="confirmed"]`),
		chromedp.Click(row+` [data-testid="accept"]`),
		chromedp.WaitVisible(`[data-testid="flash"]`),
		chromedp.WaitVisible(row+`[data-status="accepted"]`),
	)
	if err != nil {
		t.Fatalf("accept: %v", err)
	}
	flash, err := chromedp.Run(ctx, chromedp.Text(`[data-testid="flash"]`))
	if err != nil || flash != "Accepted Ada Lovelace." {
		t.Fatalf("flash %q (%v)", flash, err)
	}
}

// TestBrowserAdminScreenshots walks the admin and personal pages with a
// realistic event, saving full-page screenshots at 1280 px wide. It runs
// only when REGISTRAR_SCREENSHOTS names a directory.
func TestBrowserAdminScreenshots(t *testing.T) {
	if os.Getenv("REGISTRAR_SCREENSHOTS") == "" {
		t.Skip("set REGISTRAR_SCREENSHOTS to a directory to take screenshots of the admin pages")
	}
	ctx := browser(t)
	dbURL := sqlstoretest.URL(t)
	app := startApp(t, dbURL)
	seedEvent(t, app)
	link := adminAdd(t, dbURL, app.URL, "olga@example.org")
	review(t, app, "olga@example.org")
	person := `[data-testid="registration-row"] a.row-title`
	if err := chromedp.Do(ctx, followLink(link, "login-link-form"), chromedp.WaitVisible(`[data-testid="events"]`)); err != nil {
		t.Fatalf("sign in: %v", err)
	}
	widths := []int64{1280, 390} // a desktop, and a phone
	for _, width := range widths {
		shot := func(name string) chromedp.Action[chromedp.Void] { return screenshot(fmt.Sprintf("%s-%d", name, width)) }
		err := chromedp.Do(ctx,
			chromedp.EmulateViewport(width, 900),
			chromedp.Navigate(app.URL+"/admin"),
			chromedp.WaitVisible(`[data-testid="events"]`),
			shot("admin-dashboard"),
			chromedp.Navigate(app.URL+"/admin/events/upstream-2027"),
			chromedp.WaitVisible(`[data-testid="registrations"]`),
			shot("admin-registrations"),
			chromedp.Navigate(app.URL+"/admin/events/upstream-2027?select=page"),
			chromedp.WaitVisible(`[data-testid="registrations"]`),
			shot("admin-registrations-bulk"),
			chromedp.Navigate(app.URL+"/admin/events/upstream-2027?status=waitlisted"),
			chromedp.WaitVisible(`[data-testid="registrations"]`),
			shot("admin-registrations-filtered"),
			chromedp.Navigate(app.URL+"/admin/events/upstream-2027/edit"),
			chromedp.WaitVisible(`[data-testid="event-form"]`),
			shot("admin-event-edit"),
			chromedp.Navigate(app.URL+"/admin/events/upstream-2027?q=ada"),
			chromedp.WaitVisible(person),
			chromedp.Click(person),
			chromedp.WaitVisible(`[data-testid="person-name"]`),
			shot("admin-person"),
			chromedp.Navigate(app.URL+"/admin/audit"),
			chromedp.WaitVisible(`[data-testid="audit"]`),
			shot("admin-audit"),
			chromedp.Navigate(app.URL+"/admin/events/upstream-2027?role=student"),
			chromedp.Click(`[data-status="accepted"] [data-testid="withdraw-toggle"]`),
			chromedp.WaitVisible(`[data-status="accepted"] textarea`),
			shot("admin-registrations-withdraw"),
			chromedp.Navigate(app.URL+"/login"),
			chromedp.WaitVisible(`[data-testid="login-form"]`),
			shot("login-signed-in"),
		)
		if err != nil {
			t.Fatalf("admin pages at %d px: %v", width, err)
		}
	}
	for _, p := range []struct{ addr, page, shot string }{
		{"linus@example.org", "/me", "me"},
		{"grace@example.org", "/mentor", "mentor"},
		{"grace@example.org", "/mentor/events/upstream-2027", "mentor-event"},
	} {
		err := chromedp.Do(ctx,
			followLink(signInLink(t, app, p.addr), "login-link-form"),
			chromedp.WaitNotPresent(`[data-testid="login-link-form"]`), chromedp.WaitVisible(`main h1`))
		for _, width := range widths {
			if err == nil {
				err = chromedp.Do(ctx,
					chromedp.EmulateViewport(width, 900),
					chromedp.Navigate(app.URL+p.page),
					chromedp.WaitVisible(`main h1`),
					screenshot(fmt.Sprintf("%s-%d", p.shot, width)))
			}
		}
		if err != nil {
			t.Fatalf("%s as %s: %v", p.page, p.addr, err)
		}
	}
}

// seedEvent makes an event with students and mentors in every status, and
// a parked Trello job that organizers need to look at.
func seedEvent(t *testing.T, app *runningApp) {
	t.Helper()
	ctx := t.Context()
	events := &workflows.Events{Store: app.DB, Clock: app.Clock}
	if _, err := events.Create(ctx, workflows.EventInput{Slug: "upstream-2027", Title: "OpenStack Upstream Training, Vancouver",
		Location: "Vancouver", Timezone: "America/Vancouver", StartsOn: "2027-05-03", EndsOn: "2027-05-05",
		StudentCapacity: 4, MentorCapacity: 2}); err != nil {
		t.Fatal(err)
	}
	signups := &workflows.Signups{Store: app.DB, Emails: emails.New(app.URL), Clock: app.Clock, Links: links{app.URL}}
	people := []struct {
		name, addr, company, project string
		role                         workflows.Role
		confirm                      bool
	}{
		{"Ada Lovelace", "ada@example.org", "Analytical Engines", "Nova: live migration docs", workflows.RoleStudent, true},
		{"Alan Turing", "alan@example.org", "Bletchley", "Neutron", workflows.RoleStudent, true},
		{"Grace Hopper", "grace@example.org", "Navy", "Nova, Cinder", workflows.RoleMentor, true},
		{"Katherine Johnson", "katherine@example.org", "NASA", "Swift", workflows.RoleStudent, true},
		{"Margaret Hamilton", "margaret@example.org", "MIT", "Keystone", workflows.RoleStudent, true},
		{"Linus Pauling", "linus@example.org", "", "Ironic", workflows.RoleStudent, true},
		{"Radia Perlman", "radia@example.org", "Dell", "Neutron, Octavia", workflows.RoleMentor, true},
		{"Edsger Dijkstra", "edsger@example.org", "Eindhoven", "Oslo", workflows.RoleStudent, true},
		{"Frances Allen", "frances@example.org", "IBM", "", workflows.RoleStudent, false},
	}
	for _, p := range people {
		in := workflows.SignupInput{EventSlug: "upstream-2027", Role: p.role, Name: p.name, Email: p.addr, Company: p.company,
			Timezone: "Europe/Berlin", Project: p.project, Projects: p.project, MaxMentees: "3"}
		if _, err := signups.SignUp(ctx, in); err != nil {
			t.Fatalf("sign up %s: %v", p.addr, err)
		}
		if p.confirm {
			link := confirmLink(t, app, p.addr)
			if _, err := signups.Confirm(ctx, link[strings.LastIndexByte(link, '/')+1:]); err != nil {
				t.Fatal(err)
			}
		}
	}
	// A Trello card job that failed for good: no Trello worker runs here,
	// so claim and park it by hand.
	ada := registrationOf(t, app, "ada@example.org")
	if err := app.DB.InTx(ctx, func(tx workflows.Tx) error {
		return tx.Jobs.Enqueue(ctx, workflows.JobTrelloCard, ada, app.Clock.Now())
	}); err != nil {
		t.Fatal(err)
	}
	jobs, err := app.DB.Claim(ctx, workflows.JobTrelloCard, 1, app.Clock.Now(), time.Minute)
	if err != nil || len(jobs) != 1 {
		t.Fatalf("claim: %v", err)
	}
	if err := sqlstoretest.ParkJob(ctx, app.DB, jobs[0], "trello: 401 invalid token (check REGISTRAR_TRELLO_TOKEN)", app.Clock.Now()); err != nil {
		t.Fatal(err)
	}
}

// review has the organizer accept two students and withdraw a third, whose
// seat goes to the first on the waitlist.
func review(t *testing.T, app *runningApp, organizer string) {
	t.Helper()
	ctx := t.Context()
	admin := &workflows.Reviews{Deps: workflows.Deps{Store: app.DB, Clock: app.Clock, Emails: emails.New(app.URL), Links: links{app.URL}}}
	v := workflows.Viewer{PersonID: mustPerson(t, app, organizer), Organizer: true}
	reg := func(addr string) string { return registrationOf(t, app, addr) }
	for _, addr := range []string{"ada@example.org", "alan@example.org", "grace@example.org"} {
		if _, err := admin.Accept(ctx, v, reg(addr)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := admin.Withdraw(ctx, v, reg("margaret@example.org"), "Cannot travel in May; will apply for the autumn class."); err != nil {
		t.Fatal(err)
	}
}
