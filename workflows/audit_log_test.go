package workflows_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

// auditRig is an event with an organizer (Olga) and a student (Ada), and
// the services that read and write the audit log.
type auditRig struct {
	*fixture
	svc        workflows.Services
	event      workflows.Event
	olga, ada  workflows.Viewer
	adaReg     string
	written    int // entries written by write
	entryClock time.Time
}

func newAuditRig(t *testing.T, db *sqlstore.DB) *auditRig {
	t.Helper()
	f := newFixture(t, db)
	r := &auditRig{fixture: f, event: f.event(t, "spring", 1, 5), entryClock: start.Add(time.Hour),
		svc: workflows.NewServices(workflows.Deps{Store: db, Clock: f.clock, Emails: workflowstest.Renderer{}, Links: workflowstest.Links{}})}
	r.adaReg = f.registered(t, "spring", workflows.RoleStudent, "ada@example.org")
	orgs := &workflows.Organizers{Store: db, Clock: f.clock, Links: workflowstest.Links{}}
	if _, err := orgs.AddNamed(t.Context(), "olga@example.org", "Olga Organizer"); err != nil {
		t.Fatal(err)
	}
	r.olga, r.ada = r.person(t, "olga@example.org"), r.person(t, "ada@example.org")
	r.olga.Organizer, r.ada.Student = true, true
	return r
}

func (r *auditRig) person(t *testing.T, addr string) workflows.Viewer {
	t.Helper()
	var v workflows.Viewer
	must(t, r.db.View(t.Context(), func(tx workflows.Tx) error {
		p, err := tx.People.PersonByEmail(t.Context(), addr)
		v = workflows.Viewer{SignInID: "s-" + addr, PersonID: p.ID, Name: p.Name, Email: p.Email}
		return err
	}))
	return v
}

func (r *auditRig) log(t *testing.T, q workflows.AuditQuery) workflows.AuditLog {
	t.Helper()
	out, err := r.svc.AuditTrail.Log(t.Context(), r.olga, q)
	if err != nil {
		t.Fatalf("audit log %+v: %v", q, err)
	}
	return out
}

// write records n entries of action, three to a moment (as the lines of one
// transaction are), each later than the last.
func (r *auditRig) write(t *testing.T, n int, action workflows.AuditAction) {
	t.Helper()
	must(t, r.db.InTx(t.Context(), func(tx workflows.Tx) error {
		for range n {
			if r.written%3 == 0 {
				r.entryClock = r.entryClock.Add(time.Second)
			}
			r.written++
			e := workflows.AuditEntry{ID: workflows.NewID(), At: r.entryClock, ActorKind: workflows.ActorOrganizer,
				ActorID: r.olga.PersonID, Action: action, EventID: r.event.ID, Detail: fmt.Sprintf("entry %d", r.written)}
			if err := tx.Audit.RecordAudit(t.Context(), e); err != nil {
				return err
			}
		}
		return nil
	}))
}

func ids(entries []workflows.AuditEntry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.ID
	}
	return out
}

// TestAuditLogPagesKeepTheirPlace pages through the log while new entries
// are written between page loads: every entry that was there at the start
// is on exactly one page, in order, and going back gives the same pages.
func TestAuditLogPagesKeepTheirPlace(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		r := newAuditRig(t, db)
		r.write(t, 125, workflows.AuditEventUpdate)
		want := ids(r.log(t, workflows.AuditQuery{Action: workflows.AuditEventUpdate}).Entries) // the newest 50
		all, err := r.svc.AuditTrail.Entries(t.Context(), r.olga, workflows.AuditFilter{Action: workflows.AuditEventUpdate, Limit: 500})
		must(t, err)
		if len(all) != 125 || !slices.Equal(ids(all[:50]), want) {
			t.Fatalf("%d entries, first page %d long", len(all), len(want))
		}

		var pages [][]string
		q := workflows.AuditQuery{}
		for range 10 {
			page := r.log(t, q)
			if len(page.Entries) > workflows.AuditPageLength {
				t.Fatalf("page of %d entries", len(page.Entries))
			}
			pages = append(pages, ids(page.Entries))
			r.write(t, 4, workflows.AuditEventUpdate) // others at work between page loads
			if page.Older == "" {
				break
			}
			q = workflows.AuditQuery{After: page.Older}
		}
		// The first page holds the entries of the fixture too (sign-up, organizer).
		var seen []string
		for _, p := range pages {
			seen = append(seen, p...)
		}
		seen = slices.DeleteFunc(seen, func(id string) bool { return !slices.Contains(ids(all), id) })
		if !slices.Equal(seen, ids(all)) {
			t.Fatalf("paging saw %d entries, want the %d there at the start, each once and in order", len(seen), len(all))
		}
		if len(pages) != 3 || len(pages[0]) != 50 || len(pages[1]) != 50 {
			t.Fatalf("pages of %v entries, want 50, 50 and the rest", len(pages))
		}

		second := r.log(t, workflows.AuditQuery{After: pages[0][49]})
		back := r.log(t, workflows.AuditQuery{Before: r.log(t, workflows.AuditQuery{After: second.Older}).Newer})
		if !slices.Equal(ids(back.Entries), pages[1]) || back.Older != second.Older || back.Newer != pages[1][0] {
			t.Errorf("previous from the third page is not the second page")
		}
		if top := r.log(t, workflows.AuditQuery{Before: pages[1][0]}); len(top.Entries) != 50 || top.Newer == "" {
			t.Errorf("previous from the second page: %d entries, newer %q; want the 50 just before it, with newer ones above",
				len(top.Entries), top.Newer)
		}
		newest := r.log(t, workflows.AuditQuery{Before: r.log(t, workflows.AuditQuery{}).Entries[3].ID})
		if len(newest.Entries) != 50 || newest.Newer != "" {
			t.Errorf("previous near the top: %d entries, newer %q; want the full first page", len(newest.Entries), newest.Newer)
		}
	})
}
