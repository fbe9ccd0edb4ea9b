package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestBrowserRemindersAndMessages: the event-soon reminder of a cohort is
// planned and sent to the dev mailbox (HTML and text); the organizer opens
// the messages page, writes to the students and sees the preview; a student
// opens their email preferences. Screenshots of each at 390 and 1280 px.
func TestBrowserRemindersAndMessages(t *testing.T) {
	ctx := browser(t)
	dbURL := sqlstoretest.URL(t) // a browser walk; the rules under it are tested on both databases in workflows/ and web/
	app := startApp(t, dbURL)
	seedCohort(t, app)
	organizer := adminAdd(t, dbURL, app.URL, "olga@example.org")
	acceptAll(t, app, "olga@example.org", "ada@example.org", "alan@example.org")

	// The pass as of 09:01 in Berlin two days before the start, and its batch
	// sent as the runner would then.
	ev := eventBySlug(t, app, "upstream-berlin")
	due := workflows.WallClock(ev.StartsOn.AddDays(-2), 9*60+1, workflows.LoadZone(ev.Timezone))
	passes, err := app.Reminders.Run(t.Context(), due, false)
	if err != nil {
		t.Fatal(err)
	}
	if n := sent(passes); n != 2 {
		t.Fatalf("the pass queued %d reminders, want 2 (the accepted students)", n)
	}
	jobs, err := app.DB.Claim(t.Context(), workflows.JobSendBatch, 10, due.Add(time.Hour), time.Minute)
	if err != nil || len(jobs) != 1 {
		t.Fatalf("claimed %d batches (%v), want 1", len(jobs), err)
	}
	if _, err := app.Reminders.SendBatch(t.Context(), jobs[0].JobRef); err != nil {
		t.Fatal(err)
	}
	var reminderID string
	msgs, err := app.DB.DevMessages(t.Context(), 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.To == "ada@example.org" && m.Kind == string(workflows.RuleEventSoon) {
			reminderID = m.EmailID
			if !strings.Contains(m.Text, "Hello Ada,") || !strings.Contains(m.Text, app.URL+"/unsubscribe/") {
				t.Errorf("Ada's reminder does not greet her or lacks her unsubscribe link:\n%s", m.Text)
			}
		}
	}
	if reminderID == "" {
		t.Fatal("no event-soon reminder to Ada in the dev mailbox")
	}

	steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(app.URL + "/dev/mailbox/" + reminderID), chromedp.WaitVisible(`[data-testid="mailbox-html"]`)}
	steps = append(steps, screenshots("reminder-email")...)
	steps = append(steps, chromedp.Navigate(app.URL+"/dev/mailbox/"+reminderID+"/html"))
	steps = append(steps, screenshots("reminder-email-html")...)
	steps = append(steps, followLink(organizer, "login-link-form"), chromedp.WaitNotPresent(`[data-testid="login-link-form"]`), chromedp.Navigate(app.URL+"/admin/events/upstream-berlin/messages"),
		chromedp.WaitVisible(`[data-testid="rules"]`))
	steps = append(steps, screenshots("messages-page")...)
	form := `[data-testid="message-form"]`
	steps = append(steps,
		chromedp.SendKeys(form+` input[name="subject"]`, "Room change for {event_title}"),
		chromedp.SendKeys(form+` textarea[name="body"]`, "Hello {first_name},\n\nWe meet in room 2.14 on the first day, from 09:00.\n\nSee you there!"),
		chromedp.Click(`[data-testid="preview-message"]`),
		chromedp.WaitVisible(`[data-testid="send-form"]`))
	steps = append(steps, screenshots("message-preview")...)
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("organizer pages: %v", err)
	}
	count, err := chromedp.Run(ctx, chromedp.Text(`[data-testid="recipient-count"]`))
	if err != nil || count != "2" {
		t.Fatalf("preview shows %q recipients (%v), want 2", count, err)
	}

	steps = []chromedp.Action[chromedp.Void]{followLink(signInLink(t, app, "ada@example.org"), "login-link-form"), chromedp.WaitNotPresent(`[data-testid="login-link-form"]`), chromedp.Navigate(app.URL + "/me/preferences"),
		chromedp.WaitVisible(`[data-testid="preferences-form"]`)}
	steps = append(steps, screenshots("preferences")...)
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("preferences: %v", err)
	}
}

func eventBySlug(t *testing.T, app *runningApp, slug string) workflows.Event {
	t.Helper()
	var ev workflows.Event
	err := app.DB.InTx(t.Context(), func(tx workflows.Tx) (err error) {
		ev, err = tx.Events.EventBySlug(t.Context(), slug)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ev
}
