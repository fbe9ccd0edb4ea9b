package web_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// The bench fixture of issue 10: in "big", 100 mentors (six places each, in
// a dozen zones), 500 active students paired with them, each with a few
// steps done, check-ins and activity over eight weeks, and 60 accepted
// students waiting, so the pairings page computes suggestions too.
const (
	benchMentors  = 100
	benchActive   = 500
	benchUnpaired = 60
)

var benchZones = []string{"Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Tokyo", "America/Sao_Paulo", "Australia/Sydney",
	"Europe/London", "America/Los_Angeles", "Africa/Lagos", "Asia/Shanghai", "Pacific/Auckland", "UTC"}

var benchProjects = []string{"nova", "neutron", "cinder", "swift", "keystone", "glance", "horizon", "ironic", "oslo.config", "kolla"}

func seedMentoring(tb testing.TB, db *sqlstore.DB, now time.Time) {
	tb.Helper()
	err := db.InTx(tb.Context(), func(tx workflows.Tx) error {
		ctx := tb.Context()
		e, err := tx.Events.EventBySlug(ctx, "big")
		if err != nil {
			return err
		}
		steps := workflows.OpenStackSteps()
		reg := func(i int, role workflows.Role, status workflows.Status, a workflows.Answers) (string, error) {
			p := workflows.Person{ID: workflows.NewID(), Email: fmt.Sprintf("%s%04d@example.org", role, i), Name: fmt.Sprintf("%s %04d", role, i),
				Timezone: benchZones[i%len(benchZones)], Created: now}
			if err := tx.People.CreatePerson(ctx, p); err != nil {
				return "", err
			}
			r := workflows.Registration{ID: workflows.NewID(), EventID: e.ID, PersonID: p.ID, Role: role, Status: status, Answers: a,
				Created: now.Add(time.Duration(i) * time.Second), Updated: now}
			return r.ID, tx.Registrations.CreateRegistration(ctx, r, p)
		}
		var mentors []string
		for i := range benchMentors {
			id, err := reg(i, workflows.RoleMentor, workflows.StatusAccepted,
				workflows.Answers{Projects: benchProjects[i%len(benchProjects)] + ", " + benchProjects[(i+3)%len(benchProjects)], MaxMentees: 6})
			if err != nil {
				return err
			}
			mentors = append(mentors, id)
		}
		for i := range benchActive {
			id, err := reg(i, workflows.RoleStudent, workflows.StatusActive, workflows.Answers{Project: benchProjects[i%len(benchProjects)]})
			if err != nil {
				return err
			}
			started := now.Add(-time.Duration(20+i%40) * 24 * time.Hour)
			p := workflows.Pairing{ID: workflows.NewID(), EventID: e.ID, StudentID: id, MentorID: mentors[i%benchMentors], Started: started}
			if err := tx.Pairings.CreatePairing(ctx, p); err != nil {
				return err
			}
			for k, s := range steps[:i%len(steps)] {
				at := started.Add(time.Duration(k+1) * 36 * time.Hour)
				if err := tx.Steps.MarkStep(ctx, workflows.StepProgress{RegistrationID: id, Key: s.Key, Done: at}); err != nil {
					return err
				}
				if err := tx.Activity.RecordActivity(ctx, workflows.Activity{ID: workflows.NewID(), EventID: e.ID, RegistrationID: id,
					Kind: workflows.ActivityStep, StepKey: s.Key, Week: workflows.WeekOf(at, time.UTC), At: at}); err != nil {
					return err
				}
			}
			for w := range i % 4 {
				at := started.Add(time.Duration(w*7+3) * 24 * time.Hour)
				ci := workflows.CheckIn{ID: workflows.NewID(), PairingID: p.ID, Week: workflows.WeekOf(at, time.UTC), Met: true,
					State: workflows.CheckInStates()[(i+w)%4], Created: at, Updated: at}
				if _, err := tx.CheckIns.InsertCheckIn(ctx, ci); err != nil {
					return err
				}
				if err := tx.Activity.RecordActivity(ctx, workflows.Activity{ID: workflows.NewID(), EventID: e.ID, RegistrationID: id,
					Kind: workflows.ActivityCheckIn, Week: ci.Week, At: at}); err != nil {
					return err
				}
			}
		}
		for i := range benchUnpaired {
			if _, err := reg(benchActive+i, workflows.RoleStudent, workflows.StatusAccepted,
				workflows.Answers{Project: benchProjects[(i*7)%len(benchProjects)]}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("seed mentoring: %v", err)
	}
}

// BenchmarkMentoringPages renders the progress and pairings pages of the
// bench fixture through the handlers (server time: session, use case,
// queries, templ) and reports the 95th percentile per page.
func BenchmarkMentoringPages(b *testing.B) {
	for _, db := range []struct {
		name string
		open func(testing.TB) *sqlstore.DB
	}{{"sqlite", sqlstoretest.Open}, {"postgres", sqlstoretest.OpenPostgres}} {
		b.Run(db.name, func(b *testing.B) {
			app := newTestApp(b, db.open(b), 0)
			seedMentoring(b, app.db, app.clock.Now())
			if app.db.Dialect() == "postgres" {
				// Statistics, as autovacuum would gather within a minute of
				// such a load: without them the planner guesses one row a table.
				if _, err := app.db.SQL().ExecContext(b.Context(), "ANALYZE"); err != nil {
					b.Fatal(err)
				}
			}
			org := app.signInOrganizer(b, "olga@example.org")
			for _, page := range []string{"/admin/events/big/progress", "/admin/events/big/pairings"} {
				b.Run(page[len("/admin/events/big/"):], func(b *testing.B) {
					var took []time.Duration
					for b.Loop() {
						start := time.Now()
						w := org.get(b, page)
						took = append(took, time.Since(start))
						if w.Code != http.StatusOK {
							b.Fatalf("GET %s: %d", page, w.Code)
						}
					}
					b.ReportMetric(percentile(took, 95), "p95-ms")
					b.ReportMetric(percentile(took, 50), "p50-ms")
				})
			}
		})
	}
}

// percentile is the nearest-rank percentile of the timings, in milliseconds:
// the smallest timing that at least p % of them do not exceed.
func percentile(took []time.Duration, p int) float64 {
	sorted := slices.Sorted(slices.Values(took))
	rank := (len(sorted)*p + 99) / 100 // ceil(n·p/100), 1-based
	return float64(sorted[max(rank, 1)-1].Microseconds()) / 1000
}
