package sheets_test

import (
	"testing"

	"registrar/integrations/fakeapi"
	"registrar/integrations/sheets/sheetstest"
	"registrar/workflows"
)

// The owned header grew (issue 10 appended Mentor, Steps done, Last
// check-in): organizers' columns right after the old owned range move right
// intact instead of being overwritten.
func TestUpsertRowsGrownHeader(t *testing.T) {
	old := []string{"ID", "Name", "Status"}
	grown := []string{"ID", "Name", "Status", "Mentor", "Steps done"}
	tests := []struct {
		name       string
		existing   [][]string
		header     []string
		rows       []workflows.SheetRow
		want       [][]string
		wantInsert int // spreadsheets.batchUpdate calls
	}{
		{
			name:     "an organizer's Notes right after the old header moves right",
			existing: [][]string{{"ID", "Name", "Status", "Notes"}, {"r1", "Ada", "active", "call her"}, {"r2", "Bob", "pending", "late"}},
			header:   grown,
			rows:     []workflows.SheetRow{row("r1", "Ada", "active", "Mo", "3/11")},
			want: [][]string{{"ID", "Name", "Status", "Mentor", "Steps done", "Notes"},
				{"r1", "Ada", "active", "Mo", "3/11", "call her"}, {"r2", "Bob", "pending", "", "", "late"}},
			wantInsert: 1,
		},
		{
			name:     "a gap then Notes: Notes sits in a new slot, so it moves too",
			existing: [][]string{{"ID", "Name", "Status", "", "Notes"}, {"r1", "Ada", "active", "", "call her"}},
			header:   grown,
			rows:     []workflows.SheetRow{row("r1", "Ada", "active", "Mo", "3/11")},
			want: [][]string{{"ID", "Name", "Status", "Mentor", "Steps done", "", "Notes"},
				{"r1", "Ada", "active", "Mo", "3/11", "", "call her"}},
			wantInsert: 1,
		},
		{
			name:       "organizers' columns beyond the new range stay where they are",
			existing:   [][]string{{"ID", "Name", "Status", "", "", "", "Notes"}, {"r1", "Ada", "active", "", "", "", "call her"}},
			header:     grown,
			rows:       []workflows.SheetRow{row("r1", "Ada", "active", "Mo", "3/11")},
			want:       [][]string{{"ID", "Name", "Status", "Mentor", "Steps done", "", "Notes"}, {"r1", "Ada", "active", "Mo", "3/11", "", "call her"}},
			wantInsert: 0,
		},
		{
			name:       "a tab already on the new header is untouched",
			existing:   [][]string{append(grown, "Notes"), {"r1", "Ada", "active", "Mo", "2/11", "call her"}},
			header:     grown,
			rows:       []workflows.SheetRow{row("r1", "Ada", "active", "Mo", "3/11")},
			want:       [][]string{append(grown, "Notes"), {"r1", "Ada", "active", "Mo", "3/11", "call her"}},
			wantInsert: 0,
		},
		{
			name:       "a renamed middle column is rewritten in place, nothing inserted",
			existing:   [][]string{{"ID", "Name", "State", "Mentor", "Notes"}, {"r1", "Ada", "active", "Mo", "call her"}},
			header:     []string{"ID", "Name", "Status", "Mentor"},
			rows:       []workflows.SheetRow{row("r1", "Ada", "active", "Mo")},
			want:       [][]string{{"ID", "Name", "Status", "Mentor", "Notes"}, {"r1", "Ada", "active", "Mo", "call her"}},
			wantInsert: 0,
		},
		{
			name:       "a one-cell match is not taken for an old header",
			existing:   [][]string{{"ID", "Notes"}, {"r1", "call her"}},
			header:     old,
			rows:       []workflows.SheetRow{row("r1", "Ada", "active")},
			want:       [][]string{old, {"r1", "Ada", "active"}},
			wantInsert: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := sheetstest.New(t)
			seed(fake, "students", tt.existing)
			s := newSheet(t, fake, nil)
			if err := s.UpsertRows(t.Context(), "students", tt.header, tt.rows); err != nil {
				t.Fatalf("UpsertRows: %v", err)
			}
			if got := fake.Rows("students"); !equalGrid(got, tt.want) {
				t.Errorf("rows:\n got %q\nwant %q", got, tt.want)
			}
			if got := fake.Calls("spreadsheets.batchUpdate"); got != tt.wantInsert {
				t.Errorf("spreadsheets.batchUpdate calls = %d, want %d", got, tt.wantInsert)
			}
		})
	}
}

// An insert that was applied but whose answer, or whose header write, failed
// is retried without a second insert: the new slots are blank by then.
func TestUpsertRowsGrownHeaderRetry(t *testing.T) {
	grown := []string{"ID", "Name", "Status", "Mentor", "Steps done"}
	want := [][]string{{"ID", "Name", "Status", "Mentor", "Steps done", "Notes"}, {"r1", "Ada", "active", "Mo", "3/11", "call her"}}
	for _, fault := range []fakeapi.Fault{
		{Kind: fakeapi.FailAfterCommit, Op: "spreadsheets.batchUpdate"},
		{Kind: fakeapi.Fail5xx, Op: "values.batchUpdate"},
	} {
		t.Run(fault.Op, func(t *testing.T) {
			fake := sheetstest.New(t)
			seed(fake, "students", [][]string{{"ID", "Name", "Status", "Notes"}, {"r1", "Ada", "active", "call her"}})
			s := newSheet(t, fake, nil)
			rows := []workflows.SheetRow{row("r1", "Ada", "active", "Mo", "3/11")}
			fake.Script(fault)
			if err := s.UpsertRows(t.Context(), "students", grown, rows); workflows.KindOf(err) != workflows.Unavailable {
				t.Fatalf("first attempt: kind %v (%v), want unavailable", workflows.KindOf(err), err)
			}
			if err := s.UpsertRows(t.Context(), "students", grown, rows); err != nil {
				t.Fatalf("retry: %v", err)
			}
			if got := fake.Rows("students"); !equalGrid(got, want) {
				t.Errorf("rows:\n got %q\nwant %q", got, want)
			}
			if got := fake.Calls("spreadsheets.batchUpdate"); got != 1 {
				t.Errorf("spreadsheets.batchUpdate calls = %d, want 1 (one insert)", got)
			}
		})
	}
}
