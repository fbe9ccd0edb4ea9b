package workflows_test

import (
	"testing"
	"time"

	"registrar/workflows"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestWeekOf(t *testing.T) {
	auckland, la := mustZone(t, "Pacific/Auckland"), mustZone(t, "America/Los_Angeles")
	tests := []struct {
		name string
		at   time.Time
		loc  *time.Location
		want string
	}{
		// Sunday 2027-01-31 23:30 in Auckland is Sunday 10:30 UTC: the same week either way.
		{"auckland sunday late", time.Date(2027, 1, 31, 23, 30, 0, 0, auckland), auckland, "2027-W04"},
		// Monday 2027-02-01 00:30 in Auckland is still Sunday 11:30 UTC, but a new week in Auckland.
		{"auckland monday early", time.Date(2027, 2, 1, 0, 30, 0, 0, auckland), auckland, "2027-W05"},
		{"auckland monday early seen from UTC", time.Date(2027, 2, 1, 0, 30, 0, 0, auckland), time.UTC, "2027-W04"},
		// Sunday 23:30 in Los Angeles is Monday in UTC: still the Sunday's week there.
		{"los angeles sunday late", time.Date(2027, 1, 31, 23, 30, 0, 0, la), la, "2027-W04"},
		{"los angeles sunday late seen from UTC", time.Date(2027, 1, 31, 23, 30, 0, 0, la), time.UTC, "2027-W05"},
		{"year boundary belongs to the next ISO year", time.Date(2024, 12, 30, 9, 0, 0, 0, time.UTC), time.UTC, "2025-W01"},
		{"week 53", time.Date(2026, 12, 31, 9, 0, 0, 0, time.UTC), time.UTC, "2026-W53"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(workflows.WeekOf(tt.at, tt.loc)); got != tt.want {
				t.Errorf("WeekOf(%s in %s) = %s, want %s", tt.at, tt.loc, got, tt.want)
			}
		})
	}
}

func TestParseWeek(t *testing.T) {
	tests := []struct {
		in     string
		ok     bool
		monday string
	}{
		{"2027-W05", true, "2027-02-01"},
		{"2027-W01", true, "2027-01-04"},
		{"2025-W01", true, "2024-12-30"},
		{"2026-W53", true, "2026-12-28"},
		{"2027-W53", false, ""}, // 2027 has 52 weeks
		{"2027-W00", false, ""},
		{"2027-W5", false, ""},
		{"2027W05", false, ""},
		{"2027-w05", false, ""},
		{" 2027-W05", false, ""},
		{"", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			w, ok := workflows.ParseWeek(tt.in)
			if ok != tt.ok {
				t.Fatalf("ParseWeek(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			}
			if !ok {
				return
			}
			if string(w) != tt.in {
				t.Errorf("ParseWeek(%q) = %q", tt.in, w)
			}
			if got := w.Monday().String(); got != tt.monday {
				t.Errorf("Monday() = %s, want %s", got, tt.monday)
			}
			if got := workflows.WeekOf(w.Start(time.UTC), time.UTC); got != w {
				t.Errorf("WeekOf(Start()) = %s, want %s", got, w)
			}
		})
	}
}

func TestCheckWeek(t *testing.T) {
	auckland := mustZone(t, "Pacific/Auckland")
	paired := time.Date(2027, 1, 13, 2, 0, 0, 0, time.UTC) // Wednesday of 2027-W02 in Auckland
	now := time.Date(2027, 1, 31, 10, 30, 0, 0, time.UTC)  // Sunday 23:30 in Auckland, 2027-W04
	tests := []struct {
		week string
		ok   bool
	}{
		{"2027-W04", true}, // this week in Auckland
		{"2027-W02", true}, // the week of the pairing
		{"2027-W03", true},
		{"2027-W05", false}, // next week: not started in Auckland though it is Monday in some zones
		{"2027-W01", false}, // before the pairing
		{"2026-W53", false},
	}
	for _, tt := range tests {
		t.Run(tt.week, func(t *testing.T) {
			w, ok := workflows.ParseWeek(tt.week)
			if !ok {
				t.Fatalf("ParseWeek(%q) failed", tt.week)
			}
			err := workflows.CheckWeek(w, now, paired, auckland)
			if (err == nil) != tt.ok {
				t.Fatalf("CheckWeek(%s) = %v, want ok %v", tt.week, err, tt.ok)
			}
			if err != nil && workflows.FieldErrors(err)["week"] == "" {
				t.Errorf("error %v has no message on the week field", err)
			}
		})
	}
}

func TestWeeksBetween(t *testing.T) {
	a, _ := workflows.ParseWeek("2026-W52")
	for _, tt := range []struct {
		to   string
		want int
	}{{"2026-W52", 0}, {"2026-W53", 1}, {"2027-W01", 2}, {"2027-W10", 11}} {
		b, _ := workflows.ParseWeek(tt.to)
		if got := a.WeeksBetween(b); got != tt.want {
			t.Errorf("%s → %s = %d weeks, want %d", a, b, got, tt.want)
		}
	}
}
