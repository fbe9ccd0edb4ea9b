package web_test

import (
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestStatusLabels: the CSV keeps the machine status and adds its plain
// label with the place in line; the admin list, the person page and /me say
// the same words, and /me explains what happens next.
func TestStatusLabels(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		for _, p := range [][2]string{{"Ada Lovelace", "ada@example.org"}, {"Bob Babbage", "bob@example.org"}, {"Cy Cray", "cy@example.org"}} {
			app.register(t, "spring", workflows.RoleStudent, p[0], p[1]) // Ada takes the one seat, Bob and Cy wait in this order
			app.clock.Advance(time.Minute)
		}
		org := app.signInOrganizer(t, "olga@example.org")

		for _, variant := range []string{"", "?for=excel"} {
			body := org.get(t, "/admin/events/spring/registrations.csv"+variant).Body.String()
			records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			h := records[0]
			if i := slices.Index(h, "status_label"); i < 0 || h[i-1] != "status" {
				t.Fatalf("header %q: want status_label right after status", h)
			}
			got := map[string]string{}
			for _, r := range records[1:] {
				got[r[slices.Index(h, "email")]] = r[slices.Index(h, "status")] + "|" + r[slices.Index(h, "status_label")]
			}
			want := map[string]string{"ada@example.org": "confirmed|Confirmed — awaiting review",
				"bob@example.org": "waitlisted|On the waitlist (1st)", "cy@example.org": "waitlisted|On the waitlist (2nd)"}
			for addr, w := range want {
				if got[addr] != w {
					t.Errorf("csv%s %s = %q, want %q", variant, addr, got[addr], w)
				}
			}
		}

		var line []string
		doc(t, org.get(t, "/admin/events/spring")).Find(`[data-testid="waitlist-row"]`).Each(func(_ int, s *goquery.Selection) {
			line = append(line, strings.TrimSpace(s.Find(`[data-testid="waitlist-place"]`).Text())+" "+strings.TrimSpace(s.Find("a").Text()))
		})
		if !slices.Equal(line, []string{"1st Bob Babbage", "2nd Cy Cray"}) {
			t.Errorf("the event page's waitlist reads %q, want Bob then Cy", line)
		}

		list := doc(t, org.get(t, "/admin/events/spring?q=cy%40example.org"))
		if s := strings.TrimSpace(list.Find(`[data-testid="registration-row"] [data-testid="status"]`).Text()); s != "On the waitlist (2nd)" {
			t.Errorf("admin list says %q", s)
		}
		person := doc(t, org.get(t, "/admin/people/"+app.personID(t, "cy@example.org")))
		if s := strings.TrimSpace(person.Find(`[data-testid="person-registration"] [data-testid="status"]`).Text()); s != "On the waitlist (2nd)" {
			t.Errorf("person page says %q", s)
		}

		me := doc(t, app.signIn(t, "cy@example.org").get(t, "/me"))
		item := me.Find(`[data-testid="my-registration"]`)
		if s := strings.TrimSpace(item.Find(`[data-testid="status"]`).Text()); s != "On the waitlist (2nd)" {
			t.Errorf("/me says %q", s)
		}
		if s := item.Find(".card-note").Text(); !strings.Contains(s, "You are 2nd in line. If a seat frees up, we will email you and you are in.") {
			t.Errorf("/me explains %q", s)
		}
		me = doc(t, app.signIn(t, "ada@example.org").get(t, "/me"))
		if s := me.Find(`[data-testid="my-registration"] .card-note`).Text(); !strings.Contains(s, "An organizer reviews your registration next") {
			t.Errorf("/me explains %q for a confirmed registration", s)
		}
	})
}
