package workflows_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestRegistrationPagesMatchTheWholeList pages through the admin list with
// each filter and checks that the pages, joined, are the whole filtered list
// in sign-up order, with the same waitlist places, on both databases.
func TestRegistrationPagesMatchTheWholeList(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 40, 3)
		for i := range 120 {
			in := student("spring", fmt.Sprintf("s%03d@example.org", i))
			in.Name = fmt.Sprintf("Student %03d", i)
			if _, err := f.signups.SignUp(t.Context(), in); err != nil {
				t.Fatal(err)
			}
			if i%5 != 0 { // every fifth stays pending
				if _, err := f.signups.Confirm(t.Context(), f.confirmToken(t, in.Email)); err != nil {
					t.Fatal(err)
				}
			}
			f.clock.Advance(1)
		}
		for i := range 6 {
			f.registered(t, "spring", workflows.RoleMentor, fmt.Sprintf("m%d@example.org", i))
		}
		reviews := f.admin().Reviews
		export, err := reviews.ExportRegistrations(t.Context(), organizer, "spring")
		if err != nil {
			t.Fatal(err)
		}
		// The export, row by row, against the waitlist order computed here.
		var whole struct {
			Rows  []workflows.RegistrationDetail
			Place map[string]int
		}
		exported := map[string]int{}
		for row, err := range export.Rows {
			if err != nil {
				t.Fatal(err)
			}
			whole.Rows = append(whole.Rows, row.RegistrationDetail)
			if row.Place > 0 {
				exported[row.ID] = row.Place
			}
		}
		whole.Place = map[string]int{}
		for _, role := range []workflows.Role{workflows.RoleStudent, workflows.RoleMentor} {
			for i, r := range workflows.WaitlistOrder(whole.Rows, role) {
				whole.Place[r.ID] = i + 1
			}
		}
		if len(whole.Rows) != export.Total || len(whole.Place) == 0 || !maps.Equal(exported, whole.Place) {
			t.Fatalf("export: %d rows of %d, places %v, want %v", len(whole.Rows), export.Total, exported, whole.Place)
		}
		filters := []workflows.RegistrationFilter{{}, {Role: workflows.RoleMentor}, {Status: workflows.StatusWaitlisted},
			{Role: workflows.RoleStudent, Status: workflows.StatusWaitlisted}, {Query: "STUDENT 1"}, {Query: "s00"}, {Query: "nobody"}}
		for _, flt := range filters {
			var want []string
			for _, r := range whole.Rows {
				if flt.Matches(r) {
					want = append(want, r.ID)
				}
			}
			var got []string
			pages := 0
			for page := flt; ; pages++ {
				list, err := reviews.Registrations(t.Context(), organizer, "spring", page)
				if err != nil {
					t.Fatal(err)
				}
				if len(list.Rows) > workflows.PageSize || list.Matching != len(want) || list.Total != len(whole.Rows) {
					t.Fatalf("%+v: %d rows, matching %d (want %d), total %d", flt, len(list.Rows), list.Matching, len(want), list.Total)
				}
				for _, r := range list.Rows {
					got = append(got, r.ID)
					if r.Status == workflows.StatusWaitlisted && list.Place[r.ID] != whole.Place[r.ID] {
						t.Errorf("%s: place %d, want %d", r.ID, list.Place[r.ID], whole.Place[r.ID])
					}
					if r.Person.Email == "" || r.Event.Slug != "spring" {
						t.Errorf("%s: person or event missing: %+v", r.ID, r)
					}
				}
				if list.Next == "" {
					break
				}
				page.After = list.Next
			}
			if !slices.Equal(got, want) {
				t.Errorf("%+v: pages hold %d registrations, want %d in sign-up order", flt, len(got), len(want))
			}
			if wantPages := max(0, (len(want)-1)/workflows.PageSize); pages != wantPages {
				t.Errorf("%+v: %d next links, want %d", flt, pages, wantPages)
			}
		}
	})
}
