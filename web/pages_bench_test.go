package web_test

import (
	"fmt"
	"net/http"
	"runtime/metrics"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// fixtureRegistrations is how many students the page benchmarks seed into one event.
const fixtureRegistrations = 10_000

// seedEvent puts n confirmed students, some accepted, some waitlisted, into
// the event slug, straight through the store (the sign-up path has its own
// benchmark).
func seedEvent(b *testing.B, a *testApp, slug string, n int) {
	b.Helper()
	ctx := b.Context()
	now := a.clock.Now()
	for start := 0; start < n; start += 500 {
		err := a.db.InTx(ctx, func(tx workflows.Tx) error {
			ev, err := tx.Events.EventBySlug(ctx, slug)
			if err != nil {
				return err
			}
			for i := start; i < min(start+500, n); i++ {
				at := now.Add(time.Duration(i) * time.Second)
				p := workflows.Person{ID: workflows.NewID(), Email: fmt.Sprintf("seed%d@example.org", i),
					Name: fmt.Sprintf("Seed Student %d", i), Timezone: "UTC", Created: at}
				status := []workflows.Status{workflows.StatusAccepted, workflows.StatusWaitlisted, workflows.StatusConfirmed, workflows.StatusPending}[i%4]
				r := workflows.Registration{ID: workflows.NewID(), EventID: ev.ID, PersonID: p.ID, Role: workflows.RoleStudent,
					Status: status, Answers: workflows.Answers{Project: "nova", Experience: "some git", Goals: "a first patch"}, Created: at, Updated: at}
				if err := tx.People.CreatePerson(ctx, p); err != nil {
					return err
				}
				if err := tx.Registrations.CreateRegistration(ctx, r, p); err != nil {
					return err
				}
				if status != workflows.StatusPending {
					if err := tx.Tokens.CreateToken(ctx, workflows.Token{Hash: "seed-" + r.ID, Purpose: workflows.TokenConfirm, PersonID: p.ID,
						RegistrationID: r.ID, Expires: at.Add(time.Hour), Used: at.Add(time.Minute), Created: at}); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPages10k times the signed-in pages over an event with 10,000
// registrations: server time per request, p95 reported as p95-ms (target
// ≤ 20 ms each).
func BenchmarkPages10k(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchPages10k(b, sqlstoretest.Open(b)) })
	b.Run("postgres", func(b *testing.B) { benchPages10k(b, sqlstoretest.OpenPostgres(b)) })
}

func benchPages10k(b *testing.B, db *sqlstore.DB) {
	app := newTestApp(b, db, 0)
	seedEvent(b, app, "big", fixtureRegistrations)
	app.register(b, "big", workflows.RoleMentor, "Grace Hopper", "grace@example.org")
	app.register(b, "big", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
	org := app.signInOrganizer(b, "org@example.org")
	mentor := app.signIn(b, "grace@example.org")
	student := app.signIn(b, "ada@example.org")
	pages := []struct {
		name, path string
		c          *client
	}{
		{"admin", "/admin", org},
		{"admin-event-first-page", "/admin/events/big", org},
		{"admin-event-middle-page", middlePage(b, org, "/admin/events/big"), org},
		{"admin-event-by-name-middle-page", middlePage(b, org, "/admin/events/big?sort=name&dir=desc"), org},
		{"admin-event-by-status-middle-page", middlePage(b, org, "/admin/events/big?sort=status"), org},
		{"admin-event-by-confirmed-middle-page", middlePage(b, org, "/admin/events/big?sort=confirmed"), org},
		{"admin-event-search", "/admin/events/big?q=student+12&sort=confirmed", org},
		{"mentor", "/mentor", mentor},
		{"me", "/me", student},
	}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			var lat []time.Duration
			for b.Loop() {
				start := time.Now()
				if w := p.c.get(b, p.path); w.Code != http.StatusOK {
					b.Fatalf("GET %s: status %d", p.path, w.Code)
				}
				lat = append(lat, time.Since(start))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
	b.Run("csv", func(b *testing.B) { benchCSV(b, org) })
}

// middlePage returns the path of the admin list's middle page from path
// (a sort order), following its "next" links.
func middlePage(b *testing.B, org *client, path string) string {
	b.Helper()
	for range fixtureRegistrations / 50 / 2 {
		next, ok := doc(b, org.get(b, path)).Find(`[data-testid="next-page"]`).Attr("href")
		if !ok {
			break
		}
		path = next
	}
	return path
}

// benchCSV streams the 10,000-row export and reports how far the heap grew
// above where it was before the request, as heap-growth-MB (target ≤ 20 MB).
func benchCSV(b *testing.B, org *client) {
	var peak atomic.Uint64
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	for b.Loop() {
		base := heap()
		peak.Store(base)
		done := make(chan struct{})
		go func() {
			for {
				select {
				case <-done:
					return
				case <-time.After(time.Millisecond):
					if h := heap(); h > peak.Load() {
						peak.Store(h)
					}
				}
			}
		}()
		w := &countingWriter{header: http.Header{}}
		r := newRequest(http.MethodGet, "/admin/events/big/registrations.csv", nil)
		for _, ck := range org.jar {
			r.AddCookie(&http.Cookie{Name: ck.Name, Value: ck.Value})
		}
		org.app.h.ServeHTTP(w, r)
		close(done)
		if w.code != http.StatusOK || w.n < fixtureRegistrations*20 {
			b.Fatalf("CSV: status %d, %d bytes", w.code, w.n)
		}
		b.ReportMetric(float64(peak.Load()-base)/(1<<20), "heap-growth-MB")
	}
}

// countingWriter is a ResponseWriter that keeps nothing of the body, so the
// measure is the server's memory, not the recorder's.
type countingWriter struct {
	header http.Header
	code   int
	n      int
}

func (w *countingWriter) Header() http.Header { return w.header }
func (w *countingWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}
func (w *countingWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	w.n += len(p)
	return len(p), nil
}
