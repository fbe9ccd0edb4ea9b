package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestBrowserMentoringScreenshots saves the pairings and progress pages of
// a cohort in mid-programme at 390 and 1280 px. It runs only when
// REGISTRAR_SCREENSHOTS names a directory.
func TestBrowserMentoringScreenshots(t *testing.T) {
	if os.Getenv("REGISTRAR_SCREENSHOTS") == "" {
		t.Skip("set REGISTRAR_SCREENSHOTS to a directory to take screenshots of the mentoring pages")
	}
	ctx := browser(t)
	dbURL := sqlstoretest.URL(t)
	app := startApp(t, dbURL)
	seedMentoringCohort(t, app)
	link := adminAdd(t, dbURL, app.URL, "olga@example.org")
	if err := chromedp.Do(ctx, followLink(link, "login-link-form"), chromedp.WaitVisible(`[data-testid="events"]`)); err != nil {
		t.Fatal(err)
	}
	for _, width := range []int64{390, 1280} {
		for _, p := range []struct{ path, ready, name string }{
			{"/admin/events/cohort-2027/pairings", `[data-testid="waiting"]`, "pairings"},
			{"/admin/events/cohort-2027/progress", `[data-testid="progress"]`, "progress"},
		} {
			err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(app.URL+p.path),
				chromedp.WaitVisible(p.ready), screenshot(fmt.Sprintf("%s-%d", p.name, width)), viewportShot(fmt.Sprintf("%s-%d-top", p.name, width)))
			if err != nil {
				t.Fatalf("%s at %d px: %v", p.path, width, err)
			}
		}
	}
}

// seedMentoringCohort makes an event a few weeks into mentoring: mentors in several
// zones, students paired at different times with different progress (some
// stalled, one blocked), and three accepted students waiting for a mentor.
func seedMentoringCohort(t *testing.T, app *runningApp) {
	t.Helper()
	ctx := context.WithoutCancel(t.Context())
	now := app.Clock.Now()
	err := app.DB.InTx(ctx, func(tx workflows.Tx) error {
		e := workflows.Event{ID: workflows.NewID(), Slug: "cohort-2027", Title: "OpenStack Upstream Training, Berlin", Location: "Berlin",
			Timezone: "Europe/Berlin", StudentCapacity: 30, MentorCapacity: 10, Created: now}
		e.StartsOn, _ = workflows.ParseDate(now.AddDate(0, 0, -40).Format(time.DateOnly))
		e.EndsOn, _ = workflows.ParseDate(now.AddDate(0, 0, -38).Format(time.DateOnly))
		if err := tx.Events.CreateEvent(ctx, e); err != nil {
			return err
		}
		if err := tx.Steps.CreateSteps(ctx, e.ID, workflows.OpenStackSteps()); err != nil {
			return err
		}
		reg := func(name, zone string, role workflows.Role, st workflows.Status, a workflows.Answers) (string, error) {
			p := workflows.Person{ID: workflows.NewID(), Name: name, Email: workflows.NewID() + "@example.org",
				IRC: name[:4], Timezone: zone, Created: now}
			if err := tx.People.CreatePerson(ctx, p); err != nil {
				return "", err
			}
			r := workflows.Registration{ID: workflows.NewID(), EventID: e.ID, PersonID: p.ID, Role: role, Status: st, Answers: a,
				Created: now.AddDate(0, 0, -50), Updated: now.AddDate(0, 0, -41)}
			return r.ID, tx.Registrations.CreateRegistration(ctx, r, p)
		}
		mentors := map[string]string{}
		for _, m := range []struct{ name, zone, projects string }{
			{"Grace Hopper", "America/New_York", "Nova, Placement"}, {"Linus Lindqvist", "Europe/Stockholm", "Neutron, OVN"},
			{"Mei Tanaka", "Asia/Tokyo", "Swift"}, {"Priya Raman", "Asia/Kolkata", "Cinder, oslo.config"}, {"Oluwaseun Adeyemi", "Africa/Lagos", "Keystone"},
		} {
			id, err := reg(m.name, m.zone, workflows.RoleMentor, workflows.StatusAccepted, workflows.Answers{Projects: m.projects, MaxMentees: 3})
			if err != nil {
				return err
			}
			mentors[m.name] = id
		}
		steps := workflows.OpenStackSteps()
		for i, s := range []struct {
			name, zone, project, mentor string
			done, quiet                 int // steps done; days since the last progress
			state                       workflows.CheckInState
		}{
			{"Ada Lovelace", "Europe/London", "Nova", "Grace Hopper", 9, 2, workflows.CheckInOnTrack},
			{"Alan Turing", "Europe/London", "Neutron", "Linus Lindqvist", 6, 4, workflows.CheckInOnTrack},
			{"Katherine Johnson", "America/Chicago", "Nova", "Grace Hopper", 4, 10, workflows.CheckInNeedsHelp},
			{"Margaret Hamilton", "America/Toronto", "Cinder", "Priya Raman", 3, 19, workflows.CheckInNoResponse},
			{"Hedy Lamarr", "Europe/Vienna", "Swift", "Mei Tanaka", 5, 1, workflows.CheckInBlocked},
			{"Edsger Dijkstra", "Europe/Amsterdam", "Keystone", "Oluwaseun Adeyemi", 7, 6, workflows.CheckInOnTrack},
			{"Barbara Liskov", "America/New_York", "Placement", "Grace Hopper", 2, 12, workflows.CheckInNeedsHelp},
			{"Frances Allen", "America/New_York", "Neutron", "Linus Lindqvist", 1, 25, workflows.CheckInNoResponse},
		} {
			id, err := reg(s.name, s.zone, workflows.RoleStudent, workflows.StatusActive, workflows.Answers{Project: s.project})
			if err != nil {
				return err
			}
			started := now.AddDate(0, 0, -35)
			p := workflows.Pairing{ID: workflows.NewID(), EventID: e.ID, StudentID: id, MentorID: mentors[s.mentor], Started: started}
			if err := tx.Pairings.CreatePairing(ctx, p); err != nil {
				return err
			}
			last := now.AddDate(0, 0, -s.quiet)
			for k, st := range steps[:s.done] {
				at := started.Add(time.Duration(k) * (last.Sub(started) / time.Duration(max(s.done, 1))))
				if k == s.done-1 {
					at = last
				}
				if err := tx.Steps.MarkStep(ctx, workflows.StepProgress{RegistrationID: id, Key: st.Key, Done: at}); err != nil {
					return err
				}
				if err := tx.Activity.RecordActivity(ctx, workflows.Activity{ID: workflows.NewID(), EventID: e.ID, RegistrationID: id,
					Kind: workflows.ActivityStep, StepKey: st.Key, Week: workflows.WeekOf(at, time.UTC), At: at}); err != nil {
					return err
				}
			}
			for w := 0; w < 5-i%3; w++ {
				at := now.AddDate(0, 0, -s.quiet-7*w)
				if at.Before(started) {
					break
				}
				ci := workflows.CheckIn{ID: workflows.NewID(), PairingID: p.ID, Week: workflows.WeekOf(at, time.UTC), Met: s.state != workflows.CheckInNoResponse,
					State: s.state, NeedsOrganizer: s.state == workflows.CheckInBlocked, Created: at, Updated: at}
				if _, err := tx.CheckIns.InsertCheckIn(ctx, ci); err != nil {
					return err
				}
				if err := tx.Activity.RecordActivity(ctx, workflows.Activity{ID: workflows.NewID(), EventID: e.ID, RegistrationID: id,
					Kind: workflows.ActivityCheckIn, Week: ci.Week, At: at}); err != nil {
					return err
				}
			}
		}
		for _, s := range []struct{ name, zone, project string }{
			{"Radia Perlman", "America/Los_Angeles", "Neutron"}, {"Shafi Goldwasser", "Asia/Jerusalem", "Keystone"}, {"Tu Youyou", "Asia/Shanghai", "Swift"},
		} {
			if _, err := reg(s.name, s.zone, workflows.RoleStudent, workflows.StatusAccepted, workflows.Answers{Project: s.project}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("seed cohort: %v", err)
	}
}

// viewportShot saves what the first screen shows, as a phone user sees it
// on arrival, when REGISTRAR_SCREENSHOTS names a directory.
func viewportShot(name string) chromedp.Action[chromedp.Void] {
	dir := os.Getenv("REGISTRAR_SCREENSHOTS")
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if dir == "" {
			return nil
		}
		buf, err := chromedp.CaptureScreenshot()(ctx, t)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644)
	})
}
