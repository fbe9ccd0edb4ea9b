package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/web/emails"
	"registrar/workflows"
)

// TestBrowserMentoringWeek: an organizer pairs a student with the suggested
// mentor; the mentor signs in and records this week's check-in; the student
// marks first-change-submitted with a Gerrit link; the organizer's progress
// page shows the student green with one step done. Screenshots of the
// mentor dashboard and the student's checklist at 390 and 1280 px.
func TestBrowserMentoringWeek(t *testing.T) {
	ctx := browser(t)
	dbURL := sqlstoretest.URL(t) // a browser walk; the rules under it are tested on both databases in workflows/ and web/
	app := startApp(t, dbURL)
	seedCohort(t, app)
	organizer := adminAdd(t, dbURL, app.URL, "olga@example.org")
	acceptAll(t, app, "olga@example.org", "ada@example.org", "alan@example.org")

	waiting := `[data-testid="waiting-student"]`
	err := chromedp.Do(ctx,
		followLink(organizer, "login-link-form"),
		chromedp.WaitNotPresent(`[data-testid="login-link-form"]`),
		chromedp.Navigate(app.URL+"/admin/events/upstream-berlin/pairings"),
		chromedp.WaitVisible(waiting),
		chromedp.Click(waiting+`:first-of-type [data-testid="suggestion"]:first-child [data-testid="pair-suggested"]`),
		chromedp.WaitVisible(`[data-testid="flash"]`),
		chromedp.WaitVisible(`[data-testid="pairing-row"]`),
	)
	if err != nil {
		t.Fatalf("pair with the suggested mentor: %v", err)
	}

	card := `[data-testid="mentee"]`
	form := card + ` [data-testid="check-in-form"]`
	err = chromedp.Do(ctx,
		followLink(signInLink(t, app, "grace@example.org"), "login-link-form"),
		chromedp.WaitNotPresent(`[data-testid="login-link-form"]`),
		chromedp.Navigate(app.URL+"/mentor"),
		chromedp.WaitVisible(form),
		screenshot("mentor-dashboard-due"),
		chromedp.Click(form+` input[name="met"][value="yes"]`),
		chromedp.Click(form+` input[name="state"][value="on_track"]`),
		chromedp.SendKeys(form+` textarea[name="notes"]`, "Set up Gerrit and git-review together; Ada pushed a sandbox change."),
		chromedp.SendKeys(form+` textarea[name="next_steps"]`, "Pick a low-hanging-fruit bug in Nova and push a first change."),
		chromedp.Submit(form+` textarea[name="notes"]`),
		chromedp.WaitVisible(`[data-testid="flash"]`),
	)
	if err != nil {
		t.Fatalf("record this week's check-in: %v", err)
	}
	thisWeek, err := chromedp.Run(ctx, chromedp.Text(card+` [data-testid="this-week"]`))
	if err != nil || !strings.Contains(thisWeek, "Done") {
		t.Fatalf("this week after the check-in: %q (%v)", thisWeek, err)
	}
	if err := chromedp.Do(ctx, screenshots("mentor-dashboard")...); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(card+` .mentee-name a`),
		chromedp.WaitVisible(`[data-testid="check-ins"] [data-testid="check-in"]`),
		screenshot("mentor-pairing"),
	)
	if err != nil {
		t.Fatalf("the mentee's page: %v", err)
	}

	step := `[data-testid="step"][data-key="first-change-submitted"]`
	err = chromedp.Do(ctx,
		followLink(signInLink(t, app, "ada@example.org"), "login-link-form"),
		chromedp.WaitNotPresent(`[data-testid="login-link-form"]`),
		chromedp.Navigate(app.URL+"/me"),
		chromedp.WaitVisible(step+` input[name="evidence"]`),
		chromedp.SendKeys(step+` input[name="evidence"]`, "https://review.opendev.org/c/openstack/nova/+/912345"),
		chromedp.Submit(step+` input[name="evidence"]`),
		chromedp.WaitVisible(`[data-testid="flash"]`),
		chromedp.WaitVisible(step+`[data-done="true"]`),
	)
	if err != nil {
		t.Fatalf("mark first-change-submitted: %v", err)
	}
	if err := chromedp.Do(ctx, screenshots("student-checklist")...); err != nil {
		t.Fatal(err)
	}

	row := `[data-testid="progress-row"]`
	err = chromedp.Do(ctx,
		followLink(signInLink(t, app, "olga@example.org"), "login-link-form"),
		chromedp.WaitNotPresent(`[data-testid="login-link-form"]`),
		chromedp.Navigate(app.URL+"/admin/events/upstream-berlin/progress"),
		chromedp.WaitVisible(row),
		screenshot("admin-progress"),
	)
	if err != nil {
		t.Fatalf("progress page: %v", err)
	}
	colour, err := chromedp.Run(ctx, chromedp.AttributeValue(row, "data-colour"))
	if err != nil || colour.Value != "green" {
		t.Fatalf("progress row: colour %q (%v), want green", colour.Value, err)
	}
	steps, err := chromedp.Run(ctx, chromedp.Text(row+` [data-testid="steps"]`))
	if err != nil || !strings.HasPrefix(strings.TrimSpace(steps), "1") {
		t.Fatalf("progress row: steps %q (%v), want 1 step done", steps, err)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(app.URL+"/admin/events/upstream-berlin/steps"),
		chromedp.WaitVisible(`[data-testid="steps-form"]`),
		screenshot("admin-steps"),
	)
	if err != nil {
		t.Fatalf("steps page: %v", err)
	}
}

// screenshots saves the page at a phone's width and a laptop's.
func screenshots(name string) []chromedp.Action[chromedp.Void] {
	return []chromedp.Action[chromedp.Void]{
		chromedp.EmulateViewport(390, 844), screenshot(name + "-390"),
		chromedp.EmulateViewport(1280, 1000), screenshot(name + "-1280"),
	}
}

// seedCohort makes an event with two confirmed students and two confirmed
// mentors, one of whom shares the first student's project.
func seedCohort(t *testing.T, app *runningApp) {
	t.Helper()
	ctx := t.Context()
	events := &workflows.Events{Store: app.DB, Clock: app.Clock}
	starts := app.Clock.Now().AddDate(0, 2, 0)
	if _, err := events.Create(ctx, workflows.EventInput{Slug: "upstream-berlin", Title: "OpenStack Upstream Training, Berlin",
		Location: "Berlin", Timezone: "Europe/Berlin", StartsOn: starts.Format("2006-01-02"),
		EndsOn: starts.AddDate(0, 0, 2).Format("2006-01-02"), StudentCapacity: 10, MentorCapacity: 4}); err != nil {
		t.Fatal(err)
	}
	signups := &workflows.Signups{Store: app.DB, Emails: emails.New(app.URL), Clock: app.Clock, Links: links{app.URL}}
	for _, p := range []struct {
		name, addr, tz, project string
		role                    workflows.Role
	}{
		{"Ada Lovelace", "ada@example.org", "Europe/London", "Nova", workflows.RoleStudent},
		{"Alan Turing", "alan@example.org", "Europe/London", "Neutron", workflows.RoleStudent},
		{"Grace Hopper", "grace@example.org", "Europe/Berlin", "nova, cinder", workflows.RoleMentor},
		{"Radia Perlman", "radia@example.org", "America/New_York", "Octavia", workflows.RoleMentor},
	} {
		in := workflows.SignupInput{EventSlug: "upstream-berlin", Role: p.role, Name: p.name, Email: p.addr, Company: "Example",
			IRC: strings.ToLower(strings.Fields(p.name)[0]), Timezone: p.tz, Project: p.project, Projects: p.project, MaxMentees: "2"}
		if _, err := signups.SignUp(ctx, in); err != nil {
			t.Fatalf("sign up %s: %v", p.addr, err)
		}
		link := confirmLink(t, app, p.addr)
		if _, err := signups.Confirm(ctx, link[strings.LastIndexByte(link, '/')+1:]); err != nil {
			t.Fatal(err)
		}
	}
}

// acceptAll has the organizer accept students.
func acceptAll(t *testing.T, app *runningApp, organizer string, students ...string) {
	t.Helper()
	reviews := &workflows.Reviews{Deps: workflows.Deps{Store: app.DB, Clock: app.Clock, Emails: emails.New(app.URL), Links: links{app.URL}}}
	v := workflows.Viewer{PersonID: mustPerson(t, app, organizer), Organizer: true}
	for _, addr := range students {
		if _, err := reviews.Accept(t.Context(), v, registrationOf(t, app, addr)); err != nil {
			t.Fatal(err)
		}
	}
}
