package workflows_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestSearchIgnoresCaseAndAccents finds people by part of their name, email,
// company or project whatever the case and accents typed, on both
// databases, and by their new name once it changes.
func TestSearchIgnoresCaseAndAccents(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 10, 2)
		people := []struct{ name, email, company, project string }{
			{"Jürgen Müller", "jm@example.org", "Société Générale", "nova"},
			{"José Núñez", "jn@example.org", "Acme", "Kühlschrank"},
			{"Ada Lovelace", "ada@example.org", "Analytical Engines", "swift"},
		}
		for _, p := range people {
			in := student("spring", p.email)
			in.Name, in.Company, in.Project = p.name, p.company, p.project
			if _, err := f.signups.SignUp(t.Context(), in); err != nil {
				t.Fatal(err)
			}
		}
		tests := []struct {
			query string
			want  []string
		}{
			{"Muller", []string{"jm@example.org"}},
			{"MÜLLER", []string{"jm@example.org"}},
			{"jose", []string{"jn@example.org"}},
			{"NUNEZ", []string{"jn@example.org"}},
			{"societe generale", []string{"jm@example.org"}},
			{"kuhlschrank", []string{"jn@example.org"}},
			{"Kühl", []string{"jn@example.org"}},
			{"@EXAMPLE.org", []string{"ada@example.org", "jm@example.org", "jn@example.org"}},
			{"50%", nil},
			{"nobody", nil},
		}
		for _, tt := range tests {
			if got := f.found(t, tt.query); !slices.Equal(got, tt.want) {
				t.Errorf("search %q: %v, want %v", tt.query, got, tt.want)
			}
		}
		err := db.InTx(t.Context(), func(tx workflows.Tx) error {
			p, err := tx.People.PersonByEmail(t.Context(), "ada@example.org")
			if err != nil {
				return err
			}
			p.Name, p.Company = "Ada Byron", "Øresund Labs"
			return tx.People.UpdatePersonDetails(t.Context(), p)
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := f.found(t, "byron"); !slices.Equal(got, []string{"ada@example.org"}) {
			t.Errorf("after the change, byron: %v", got)
		}
		if got := f.found(t, "oresund"); !slices.Equal(got, []string{"ada@example.org"}) {
			t.Errorf("after the change, oresund: %v", got)
		}
		if got := f.found(t, "lovelace"); got != nil {
			t.Errorf("after the change, the old name still finds %v", got)
		}
	})
}

// found searches the list and returns the addresses found, sorted.
func (f *fixture) found(t *testing.T, query string) []string {
	t.Helper()
	list, err := f.admin().Reviews.Registrations(t.Context(), olga, "spring", workflows.RegistrationFilter{Query: query})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range list.Rows {
		out = append(out, r.Person.Email)
	}
	if list.Matching != len(out) {
		t.Errorf("search %q: matching %d, rows %d", query, list.Matching, len(out))
	}
	slices.Sort(out)
	return out
}

// TestSortedPagesLoseNothing pages through the list in every sort order,
// both ways, with and without a filter: every registration appears once, in
// order, on both databases.
func TestSortedPagesLoseNothing(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 40, 3)
		var emails []string
		for i := range 120 {
			in := student("spring", fmt.Sprintf("s%03d@example.org", i))
			in.Name = fmt.Sprintf("Student %03d", (i*37)%120) // names not in sign-up order
			if _, err := f.signups.SignUp(t.Context(), in); err != nil {
				t.Fatal(err)
			}
			emails = append(emails, in.Email)
			f.clock.Advance(time.Second)
		}
		for i, e := range slices.Backward(emails) { // confirmations in the reverse order
			if i%5 != 0 {
				if _, err := f.signups.Confirm(t.Context(), f.confirmToken(t, e)); err != nil {
					t.Fatal(err)
				}
				f.clock.Advance(time.Second)
			}
		}
		filters := []workflows.RegistrationFilter{{}, {Query: "student 1"}, {Status: workflows.StatusWaitlisted}}
		for _, base := range filters {
			for _, key := range workflows.SortKeys() {
				for _, desc := range []bool{false, true} {
					flt := base
					flt.Sort, flt.Desc = key, desc
					f.checkSortedPages(t.Context(), t, flt)
				}
			}
		}
	})
}

func (f *fixture) checkSortedPages(ctx context.Context, t *testing.T, flt workflows.RegistrationFilter) {
	t.Helper()
	reviews := f.admin().Reviews
	var rows []workflows.RegistrationDetail
	matching := 0
	for page := flt; ; {
		list, err := reviews.Registrations(ctx, olga, "spring", page)
		if err != nil {
			t.Fatal(err)
		}
		rows, matching = append(rows, list.Rows...), list.Matching
		if list.Next == "" {
			break
		}
		page.After = list.Next
	}
	seen := map[string]bool{}
	for i, r := range rows {
		if seen[r.ID] {
			t.Errorf("%+v: %s twice", flt, r.Person.Email)
		}
		seen[r.ID] = true
		if i > 0 && sortCompare(flt.Sort, rows[i-1], r)*sign(flt.Desc) > 0 {
			t.Errorf("%+v: %s before %s", flt, rows[i-1].Person.Name, r.Person.Name)
		}
	}
	if len(rows) != matching || matching == 0 {
		t.Errorf("%+v: pages hold %d registrations, the filter matches %d", flt, len(rows), matching)
	}
}

func sign(desc bool) int {
	if desc {
		return -1
	}
	return 1
}

// sortCompare compares two rows by the sort key alone (ties are broken by
// ID, which is not checked here).
func sortCompare(key workflows.SortKey, a, b workflows.RegistrationDetail) int {
	micros := func(t time.Time) int64 { // as stored: 0 when not set
		if t.IsZero() {
			return 0
		}
		return t.UnixMicro()
	}
	switch key {
	case workflows.SortName:
		return cmp.Compare(a.Person.Name, b.Person.Name)
	case workflows.SortConfirmed:
		return cmp.Compare(micros(a.Confirmed), micros(b.Confirmed))
	case workflows.SortStatus:
		order := workflows.StatusSortOrder()
		if c := cmp.Compare(slices.Index(order, a.Status), slices.Index(order, b.Status)); c != 0 {
			return c
		}
	}
	return cmp.Compare(micros(a.Created), micros(b.Created))
}
