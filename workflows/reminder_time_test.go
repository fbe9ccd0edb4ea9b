package workflows

import (
	"testing"
	"time"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestWallClock pins the policy for local times around DST changes in four
// zones: 10:00 stays 10:00 local, a time in a spring-forward gap moves to
// the first instant after it, a repeated time is its first occurrence.
func TestWallClock(t *testing.T) {
	tests := []struct {
		name   string
		zone   string
		day    string
		minute int
		want   string // UTC
	}{
		{"Berlin 10:00 the day before spring", "Europe/Berlin", "2026-03-28", 600, "2026-03-28T09:00:00Z"},
		{"Berlin 10:00 on spring day", "Europe/Berlin", "2026-03-29", 600, "2026-03-29T08:00:00Z"},
		{"Berlin 02:30 in the gap", "Europe/Berlin", "2026-03-29", 150, "2026-03-29T01:00:00Z"},
		{"Berlin 02:00 start of the gap", "Europe/Berlin", "2026-03-29", 120, "2026-03-29T01:00:00Z"},
		{"Berlin 03:00 end of the gap", "Europe/Berlin", "2026-03-29", 180, "2026-03-29T01:00:00Z"},
		{"Berlin 02:30 repeated: first", "Europe/Berlin", "2026-10-25", 150, "2026-10-25T00:30:00Z"},
		{"Berlin 10:00 on fall day", "Europe/Berlin", "2026-10-25", 600, "2026-10-25T09:00:00Z"},
		{"New York 10:00 before spring", "America/New_York", "2026-03-07", 600, "2026-03-07T15:00:00Z"},
		{"New York 10:00 on spring day", "America/New_York", "2026-03-08", 600, "2026-03-08T14:00:00Z"},
		{"New York 02:30 in the gap", "America/New_York", "2026-03-08", 150, "2026-03-08T07:00:00Z"},
		{"New York 01:30 repeated: first", "America/New_York", "2026-11-01", 90, "2026-11-01T05:30:00Z"},
		{"New York 10:00 on fall day", "America/New_York", "2026-11-01", 600, "2026-11-01T15:00:00Z"},
		{"Kolkata 10:00 (no DST)", "Asia/Kolkata", "2026-03-29", 600, "2026-03-29T04:30:00Z"},
		{"Kolkata 10:00 in October", "Asia/Kolkata", "2026-10-25", 600, "2026-10-25T04:30:00Z"},
		{"Auckland 10:00 before DST ends", "Pacific/Auckland", "2026-04-04", 600, "2026-04-03T21:00:00Z"},
		{"Auckland 10:00 when DST ends", "Pacific/Auckland", "2026-04-05", 600, "2026-04-04T22:00:00Z"},
		{"Auckland 02:30 repeated: first", "Pacific/Auckland", "2026-04-05", 150, "2026-04-04T13:30:00Z"},
		{"Auckland 02:30 in the gap", "Pacific/Auckland", "2026-09-27", 150, "2026-09-26T14:00:00Z"},
		{"Auckland 10:00 when DST starts", "Pacific/Auckland", "2026-09-27", 600, "2026-09-26T21:00:00Z"},
		{"UTC midnight", "UTC", "2026-01-01", 0, "2026-01-01T00:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc, err := time.LoadLocation(tt.zone)
			if err != nil {
				t.Fatal(err)
			}
			d, _ := ParseDate(tt.day)
			got := WallClock(d, tt.minute, loc)
			if !got.Equal(utc(tt.want)) {
				t.Errorf("WallClock(%s %02d:%02d %s) = %s, want %s", tt.day, tt.minute/60, tt.minute%60, tt.zone,
					got.UTC().Format(time.RFC3339), tt.want)
			}
		})
	}
}

func TestISOWeek(t *testing.T) {
	tests := []struct {
		day  string
		wd   time.Weekday
		week string
		on   string
	}{
		{"2026-01-01", time.Thursday, "2026-W01", "2026-01-01"},
		{"2026-01-04", time.Thursday, "2026-W01", "2026-01-01"}, // Sunday belongs to the week before Monday
		{"2026-01-05", time.Monday, "2026-W02", "2026-01-05"},
		{"2027-01-01", time.Monday, "2026-W53", "2026-12-28"},
		{"2026-03-29", time.Sunday, "2026-W13", "2026-03-29"},
	}
	for _, tt := range tests {
		d, _ := ParseDate(tt.day)
		if got := d.ISOWeek(); got != tt.week {
			t.Errorf("%s ISOWeek = %s, want %s", tt.day, got, tt.week)
		}
		if got := d.InISOWeekOf(tt.wd).String(); got != tt.on {
			t.Errorf("%s InISOWeekOf(%s) = %s, want %s", tt.day, tt.wd, got, tt.on)
		}
	}
}

func TestFillAndExpand(t *testing.T) {
	got := Fill("Hi {first_name}, {unknown} {event_title}{", map[string]string{"first_name": "%recipient.first_name%", "event_title": "Upstream"})
	if want := "Hi %recipient.first_name%, {unknown} Upstream{"; got != want {
		t.Errorf("Fill = %q, want %q", got, want)
	}
	if got := Expand("Hi %recipient.first_name% <%recipient.email%>", map[string]string{"first_name": "Ada", "email": "ada@example.org"}); got != "Hi Ada <ada@example.org>" {
		t.Errorf("Expand = %q", got)
	}
	// A value holding a placeholder is not expanded again.
	if got := Expand("%recipient.name%", map[string]string{"name": "{first_name} %recipient.email%", "email": "x"}); got != "{first_name} %recipient.email%" {
		t.Errorf("Expand twice = %q", got)
	}
}
