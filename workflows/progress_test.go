package workflows_test

import (
	"testing"
	"time"

	"registrar/workflows"
)

func TestProgressAt(t *testing.T) {
	paired := time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	afterGrace := paired.Add(30 * day)
	tests := []struct {
		name   string
		now    time.Time
		last   time.Time
		colour workflows.Colour
		days   int
		grace  bool
	}{
		{"grace: just paired", paired.Add(time.Hour), time.Time{}, workflows.ColourGreen, 0, true},
		{"grace: six days, nothing done", paired.Add(6*day + 23*time.Hour), time.Time{}, workflows.ColourGreen, 6, true},
		{"after grace, nothing done, 8 days", paired.Add(8 * day), time.Time{}, workflows.ColourAmber, 8, false},
		{"7 days since progress", afterGrace, afterGrace.Add(-7 * day), workflows.ColourGreen, 7, false},
		{"7 days and 23 hours is still 7", afterGrace, afterGrace.Add(-7*day - 23*time.Hour), workflows.ColourGreen, 7, false},
		{"8 days since progress", afterGrace, afterGrace.Add(-8 * day), workflows.ColourAmber, 8, false},
		{"14 days since progress", afterGrace, afterGrace.Add(-14 * day), workflows.ColourAmber, 14, false},
		{"15 days since progress", afterGrace, afterGrace.Add(-15 * day), workflows.ColourRed, 15, false},
		{"progress today", afterGrace, afterGrace.Add(-time.Hour), workflows.ColourGreen, 0, false},
		{"progress before pairing counts from pairing", paired.Add(20 * day), paired.Add(-day), workflows.ColourRed, 20, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := workflows.ProgressAt(tt.now, paired, tt.last)
			if got.Colour != tt.colour || got.Days != tt.days || got.Grace != tt.grace {
				t.Errorf("ProgressAt = %+v, want colour %s, %d days, grace %v", got, tt.colour, tt.days, tt.grace)
			}
			if got.Reason == "" {
				t.Error("no reason in words")
			}
		})
	}
}
