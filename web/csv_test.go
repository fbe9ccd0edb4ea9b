package web_test

import (
	"encoding/csv"
	"net/http"
	"slices"
	"strings"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
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

// TestCSVExcelVariant: the plain download is UTF-8 without a byte-order
// mark; the Excel one starts with one (so Excel reads UTF-8) and ends its
// lines with CRLF, the same cells otherwise.
func TestCSVExcelVariant(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		app := newTestApp(t, db, 0)
		app.register(t, "spring", workflows.RoleStudent, "José Müller-Øster", "jose@example.org")
		org := app.signInOrganizer(t, "olga@example.org")
		plain := org.get(t, "/admin/events/spring/registrations.csv")
		excel := org.get(t, "/admin/events/spring/registrations.csv?for=excel")
		if plain.Code != http.StatusOK || excel.Code != http.StatusOK {
			t.Fatalf("status %d and %d", plain.Code, excel.Code)
		}
		p, e := plain.Body.String(), excel.Body.String()
		if strings.HasPrefix(p, "\ufeff") || !strings.HasPrefix(e, "\ufeff") {
			t.Errorf("BOM: plain %q…, excel %q…; want only the Excel one to start with U+FEFF", p[:3], e[:3])
		}
		if !strings.Contains(e, "José Müller-Øster") || strings.ReplaceAll(strings.TrimPrefix(e, "\ufeff"), "\r\n", "\n") != p {
			t.Errorf("the Excel variant differs from the plain one by more than the BOM and CRLF:\n%q\n%q", e, p)
		}
		if d := excel.Header().Get("Content-Disposition"); !strings.Contains(d, "spring-registrations-excel.csv") {
			t.Errorf("Content-Disposition %q", d)
		}
		if doc(t, org.get(t, "/admin/events/spring")).Find(`[data-testid="csv-excel"]`).Length() != 1 {
			t.Error("no link to the Excel variant on the registrations page")
		}
	})
}
