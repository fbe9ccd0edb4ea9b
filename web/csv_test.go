package web_test

import (
	"encoding/csv"
	"net/http"
	"slices"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
)

// TestCSVNeutralisesFormulasAfterSpaces: a spreadsheet skips leading spaces
// and line breaks before a formula, so the check looks past them.
func TestCSVNeutralisesFormulasAfterSpaces(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		f := studentForm(set("email", "eve@example.org"), set("experience", " =1+1"), set("goals", "\n=2+2"), set("project", "nova"))
		if w := app.post(t, "/events/big/students", f); w.Code != http.StatusSeeOther {
			t.Fatalf("sign up: status %d", w.Code)
		}
		f = mentorForm(set("email", "mal@example.org"), set("projects", "\r\n  @SUM(1)"))
		if w := app.post(t, "/events/big/mentors", f); w.Code != http.StatusSeeOther {
			t.Fatalf("sign up: status %d", w.Code)
		}
		org := app.signInOrganizer(t, "olga@example.org")
		records, err := csv.NewReader(org.get(t, "/admin/events/big/registrations.csv").Body).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		header := records[0]
		cells := map[string]string{}
		for _, r := range records[1:] {
			for _, name := range []string{"experience", "goals", "projects"} {
				if v := r[slices.Index(header, name)]; v != "" {
					cells[name] = v
				}
			}
		}
		for name, want := range map[string]string{"experience": "' =1+1", "goals": "'\n=2+2", "projects": "'\n  @SUM(1)"} { // csv reads a quoted CR LF as LF
			if cells[name] != want {
				t.Errorf("%s = %q, want %q", name, cells[name], want)
			}
		}
	})
}
