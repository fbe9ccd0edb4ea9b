package sheets_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"registrar/integrations/fakeapi"
	"registrar/integrations/sheets"
	"registrar/integrations/sheets/sheetstest"
	"registrar/workflows"
)

var header = []string{"ID", "Name", "Status"}

func newSheet(t *testing.T, fake *sheetstest.Server, client *http.Client) *sheets.Sheet {
	t.Helper()
	if client == nil {
		client = fake.Client()
	}
	cfg := sheets.Config{SpreadsheetID: sheetstest.SpreadsheetID, Endpoint: fake.Endpoint()}
	s, err := sheets.New(t.Context(), cfg, client, sheets.WithRate(rate.Inf, 1))
	if err != nil {
		t.Fatalf("sheets.New: %v", err)
	}
	return s
}

func row(id string, values ...string) workflows.SheetRow {
	return workflows.SheetRow{RegistrationID: id, Values: values}
}

// seed writes a tab as an organizer would have it, cell by cell.
func seed(fake *sheetstest.Server, tab string, rows [][]string) {
	for r, line := range rows {
		for c, v := range line {
			fake.SetCell(tab, r+1, c+1, v)
		}
	}
}

func TestUpsertRows(t *testing.T) {
	tests := []struct {
		name      string
		tab       string
		existing  [][]string // nil: the tab does not exist
		header    []string
		rows      []workflows.SheetRow
		want      [][]string
		wantCalls map[string]int
	}{
		{
			name:   "creates the tab with its header and appends in one call",
			tab:    "spring-2026 students",
			header: header,
			rows:   []workflows.SheetRow{row("r1", "Ada", "pending"), row("r2", "Bob", "confirmed")},
			want:   [][]string{header, {"r1", "Ada", "pending"}, {"r2", "Bob", "confirmed"}},
			wantCalls: map[string]int{"spreadsheets.batchUpdate": 1, "values.batchUpdate": 1, "values.append": 1,
				"values.batchGet": 1},
		},
		{
			name:      "updates in place and leaves the organizer's column alone",
			tab:       "students",
			existing:  [][]string{{"ID", "Name", "Status", "", "Notes"}, {"r1", "Ada", "pending", "", "call her"}, {"r2", "Bob", "pending"}},
			header:    header,
			rows:      []workflows.SheetRow{row("r1", "Ada", "accepted")},
			want:      [][]string{{"ID", "Name", "Status", "", "Notes"}, {"r1", "Ada", "accepted", "", "call her"}, {"r2", "Bob", "pending"}},
			wantCalls: map[string]int{"values.batchUpdate": 1, "values.append": 0, "spreadsheets.batchUpdate": 0},
		},
		{
			name:      "updates and appends with one request each",
			tab:       "students",
			existing:  [][]string{header, {"r1", "Ada", "pending"}, {"r2", "Bob", "pending"}},
			header:    header,
			rows:      []workflows.SheetRow{row("r2", "Bob", "waitlisted"), row("r3", "Cy", "pending"), row("r1", "Ada", "accepted"), row("r4", "Di", "pending")},
			want:      [][]string{header, {"r1", "Ada", "accepted"}, {"r2", "Bob", "waitlisted"}, {"r3", "Cy", "pending"}, {"r4", "Di", "pending"}},
			wantCalls: map[string]int{"values.batchUpdate": 1, "values.append": 1},
		},
		{
			name:      "a shorter row clears the owned cells it no longer uses",
			tab:       "students",
			existing:  [][]string{header, {"r1", "Ada", "pending"}},
			header:    header,
			rows:      []workflows.SheetRow{row("r1", "Ada")},
			want:      [][]string{header, {"r1", "Ada"}},
			wantCalls: map[string]int{"values.batchUpdate": 1, "values.append": 0},
		},
		{
			name:      "a changed header is rewritten with the rows",
			tab:       "students",
			existing:  [][]string{{"ID", "Name"}, {"r1", "Ada"}},
			header:    header,
			rows:      []workflows.SheetRow{row("r1", "Ada", "accepted")},
			want:      [][]string{header, {"r1", "Ada", "accepted"}},
			wantCalls: map[string]int{"values.batchUpdate": 1, "values.append": 0},
		},
		{
			name:      "the last row given for an ID wins",
			tab:       "students",
			existing:  [][]string{header},
			header:    header,
			rows:      []workflows.SheetRow{row("r1", "Ada", "pending"), row("r1", "Ada", "confirmed")},
			want:      [][]string{header, {"r1", "Ada", "confirmed"}},
			wantCalls: map[string]int{"values.batchUpdate": 0, "values.append": 1},
		},
		{
			name:     "quotes a tab name with quotes and spaces",
			tab:      "O'Brien's cohort: mentors",
			header:   header,
			rows:     []workflows.SheetRow{row("m1", "Oona", "accepted")},
			want:     [][]string{header, {"m1", "Oona", "accepted"}},
			existing: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := sheetstest.New(t)
			if tt.existing != nil {
				seed(fake, tt.tab, tt.existing)
			}
			s := newSheet(t, fake, nil)
			if err := s.UpsertRows(t.Context(), tt.tab, tt.header, tt.rows); err != nil {
				t.Fatalf("UpsertRows: %v", err)
			}
			if got := fake.Rows(tt.tab); !equalGrid(got, tt.want) {
				t.Errorf("rows:\n got %q\nwant %q", got, tt.want)
			}
			for op, n := range tt.wantCalls {
				if got := fake.Calls(op); got != n {
					t.Errorf("%s calls = %d, want %d", op, got, n)
				}
			}
			if got, want := s.WriteCalls(), int64(fake.WriteCalls()); got != want {
				t.Errorf("WriteCalls() = %d, fake saw %d writes", got, want)
			}
		})
	}
}

func TestUpsertRowsRecreatesDeletedTab(t *testing.T) {
	fake := sheetstest.New(t)
	s := newSheet(t, fake, nil)
	if err := s.UpsertRows(t.Context(), "students", header, []workflows.SheetRow{row("r1", "Ada", "pending")}); err != nil {
		t.Fatal(err)
	}
	fake.DeleteTab("students")
	if err := s.UpsertRows(t.Context(), "students", header, []workflows.SheetRow{row("r1", "Ada", "accepted")}); err != nil {
		t.Fatalf("after the tab was deleted: %v", err)
	}
	want := [][]string{header, {"r1", "Ada", "accepted"}}
	if got := fake.Rows("students"); !equalGrid(got, want) {
		t.Errorf("rows:\n got %q\nwant %q", got, want)
	}
}

func TestDeleteRows(t *testing.T) {
	fake := sheetstest.New(t)
	seed(fake, "students", [][]string{header, {"r1", "Ada"}, {"r2", "Bob", "", "note"}, {"r3", "Cy"}, {"r4", "Di"}})
	s := newSheet(t, fake, nil)
	if err := s.DeleteRows(t.Context(), "students", []string{"r4", "r2", "gone"}); err != nil {
		t.Fatalf("DeleteRows: %v", err)
	}
	want := [][]string{header, {"r1", "Ada"}, {"r3", "Cy"}}
	if got := fake.Rows("students"); !equalGrid(got, want) {
		t.Errorf("rows:\n got %q\nwant %q", got, want)
	}
	if n := fake.Calls("spreadsheets.batchUpdate"); n != 1 {
		t.Errorf("batchUpdate calls = %d, want 1", n)
	}
	if err := s.DeleteRows(t.Context(), "no such tab", []string{"r1"}); err != nil {
		t.Errorf("deleting from a missing tab: %v", err)
	}
}

func TestErrorKinds(t *testing.T) {
	t.Run("429 is unavailable with Retry-After", func(t *testing.T) {
		fake := sheetstest.New(t)
		s := newSheet(t, fake, nil)
		fake.Script(fakeapi.Fault{Kind: fakeapi.RateLimit, RetryAfter: 7 * time.Second})
		err := s.UpsertRows(t.Context(), "students", header, []workflows.SheetRow{row("r1")})
		if workflows.KindOf(err) != workflows.Unavailable || workflows.RetryAfterOf(err) != 7*time.Second {
			t.Errorf("got kind %v retry after %v (%v), want unavailable after 7s",
				workflows.KindOf(err), workflows.RetryAfterOf(err), err)
		}
	})
	t.Run("an unknown spreadsheet is forbidden", func(t *testing.T) {
		fake := sheetstest.New(t)
		s, err := sheets.New(t.Context(), sheets.Config{SpreadsheetID: "other", Endpoint: fake.Endpoint()}, fake.Client())
		if err != nil {
			t.Fatal(err)
		}
		err = s.UpsertRows(t.Context(), "students", header, []workflows.SheetRow{row("r1")})
		if workflows.KindOf(err) != workflows.Forbidden {
			t.Errorf("got kind %v (%v), want forbidden", workflows.KindOf(err), err)
		}
	})
	t.Run("a closed server is unavailable", func(t *testing.T) {
		cfg := sheets.Config{SpreadsheetID: "x", Endpoint: "http://127.0.0.1:1/"}
		s, err := sheets.New(t.Context(), cfg, &http.Client{Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		err = s.UpsertRows(t.Context(), "students", header, []workflows.SheetRow{row("r1")})
		if workflows.KindOf(err) != workflows.Unavailable {
			t.Errorf("got kind %v (%v), want unavailable", workflows.KindOf(err), err)
		}
	})
}

func equalGrid(a, b [][]string) bool {
	return slices.EqualFunc(a, b, func(x, y []string) bool { return slices.Equal(x, y) })
}
