package web_test

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestHeaderShowsAreas: every page a signed-in person sees, public ones
// included, names the areas they may use in the header and marks the one
// the page belongs to, so an organizer on an event page is one click from
// /admin.
func TestHeaderShowsAreas(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
		ada, olga := app.signIn(t, "ada@example.org"), app.signInOrganizer(t, "olga@example.org")
		tests := []struct {
			name    string
			c       *client
			path    string
			links   string // hrefs in order
			current string
		}{
			{"student on /me", ada, "/me", "/me", "/me"},
			{"student on an event page", ada, "/events/spring", "/me", ""},
			{"organizer on /admin", olga, "/admin", "/admin", "/admin"},
			{"organizer on an admin sub-page", olga, "/admin/audit", "/admin", "/admin"},
			{"organizer on the home page", olga, "/", "/admin", ""},
			{"anonymous", app.client(), "/", "", ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				d := doc(t, tt.c.get(t, tt.path))
				var hrefs []string
				d.Find(`header [data-testid="areas"] a`).Each(func(_ int, a *goquery.Selection) { hrefs = append(hrefs, a.AttrOr("href", "")) })
				if got := strings.Join(hrefs, " "); got != tt.links {
					t.Errorf("header areas %q, want %q", got, tt.links)
				}
				if got := d.Find(`header [data-testid="areas"] a[aria-current]`).AttrOr("href", ""); got != tt.current {
					t.Errorf("current area %q, want %q", got, tt.current)
				}
			})
		}
	})
}
