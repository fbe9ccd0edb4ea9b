package workflows

import (
	"testing"
	"time"
)

// simulate runs passes every step from start to end and returns, per period,
// the pass time at which the occurrence fired (once: later passes see the
// period taken, as the unique send row makes them).
func simulate(t *testing.T, r Rule, ev Event, c Candidate, start, end time.Time, step time.Duration) map[string]time.Time {
	t.Helper()
	fired := map[string]time.Time{}
	for now := start; !now.After(end); now = now.Add(step) {
		o, ok := r.Next(ev, LoadZone(ev.Timezone), c, now)
		if !ok {
			continue
		}
		if _, taken := fired[o.Period]; taken {
			continue
		}
		switch r.Decide(o, now) {
		case Fire:
			fired[o.Period] = now
		case Miss:
			t.Fatalf("%s at %s: missed though passes run every %s", o.Period, now, step)
		}
	}
	return fired
}

// TestRulesFireAtLocalTimeAcrossDST runs a pass every 5 minutes through the
// weeks of both DST changes of 2026 in four zones: every weekly rule fires
// once a week at its local time, never an hour early or late.
func TestRulesFireAtLocalTimeAcrossDST(t *testing.T) {
	zones := []struct {
		zone  string
		weeks [2]string // Mondays of the weeks holding the changes
	}{
		{"Europe/Berlin", [2]string{"2026-03-23", "2026-10-19"}},
		{"America/New_York", [2]string{"2026-03-02", "2026-10-26"}},
		{"Asia/Kolkata", [2]string{"2026-03-23", "2026-10-19"}},
		{"Pacific/Auckland", [2]string{"2026-03-30", "2026-09-21"}},
	}
	created := utc("2026-01-01T00:00:00Z")
	for _, z := range zones {
		loc, _ := time.LoadLocation(z.zone)
		for _, monday := range z.weeks {
			mon, _ := ParseDate(monday)
			for _, r := range DefaultRules("ev", created) {
				if r.Kind == RuleEventSoon || r.Kind == RuleUnconfirmed {
					continue
				}
				if r.Kind == RuleStudentNudge || r.Kind == RuleCheckInDue {
					r.Weekday = time.Sunday // the day of the change itself
				}
				t.Run(z.zone+"/"+monday+"/"+string(r.Kind), func(t *testing.T) {
					ev := Event{Timezone: z.zone, StartsOn: mon.AddDays(-30), EndsOn: mon.AddDays(30)}
					c := Candidate{PersonID: "p", Loc: loc}
					start, end := WallClock(mon, 0, loc), WallClock(mon.AddDays(7), 0, loc)
					fired := simulate(t, r, ev, c, start, end.Add(-time.Minute), 5*time.Minute)
					// Sunday's nudge of the week before may still go out early on Monday.
					delete(fired, mon.AddDays(-1).ISOWeek())
					if len(fired) != 1 {
						t.Fatalf("fired %d times (%v), want once", len(fired), fired)
					}
					for period, at := range fired {
						local := at.In(loc)
						if period != mon.ISOWeek() || local.Hour()*60+local.Minute() != r.AtMinute {
							t.Errorf("fired for %s at %s local, want %s at %02d:%02d", period, local.Format("Mon 15:04 MST"),
								mon.ISOWeek(), r.AtMinute/60, r.AtMinute%60)
						}
						if r.Kind != RuleStudentNudge && local.Weekday() != r.Weekday {
							t.Errorf("fired on %s, want %s", local.Weekday(), r.Weekday)
						}
					}
				})
			}
		}
	}
}

func TestEventSoonAcrossDST(t *testing.T) {
	for _, tt := range []struct{ zone, starts string }{
		{"Europe/Berlin", "2026-03-30"},    // two days before is the day before the change
		{"America/New_York", "2026-03-10"}, // two days before is the day of the change
		{"Pacific/Auckland", "2026-04-06"}, // DST ends the day before
		{"Asia/Kolkata", "2026-03-30"},     // no DST
		{"Europe/Berlin", "2026-10-27"},    // fall back two days before
		{"America/New_York", "2026-11-03"}, // fall back two days before
		{"Pacific/Auckland", "2026-09-29"}, // spring forward two days before
		{"Asia/Kolkata", "2026-10-27"},
	} {
		t.Run(tt.zone+"/"+tt.starts, func(t *testing.T) {
			loc, _ := time.LoadLocation(tt.zone)
			start, _ := ParseDate(tt.starts)
			ev := Event{Timezone: tt.zone, StartsOn: start, EndsOn: start}
			r := DefaultRules("ev", utc("2026-01-01T00:00:00Z"))[0]
			fired := simulate(t, r, ev, Candidate{PersonID: "p"}, WallClock(start.AddDays(-5), 0, loc), WallClock(start.AddDays(1), 0, loc), 5*time.Minute)
			at, ok := fired["event"]
			if len(fired) != 1 || !ok {
				t.Fatalf("fired %v, want once for the event", fired)
			}
			if want := start.AddDays(-2).String() + " 09:00:00"; at.In(loc).Format(time.DateTime) != want {
				t.Errorf("fired at %s local, want %s", at.In(loc).Format(time.DateTime), want)
			}
		})
	}
}

func TestDecide(t *testing.T) {
	created := utc("2026-05-01T00:00:00Z")
	rules := DefaultRules("ev", created)
	soon, unconfirmed := rules[0], rules[1]
	ev := Event{Timezone: "Europe/Berlin", StartsOn: Date{2026, 6, 10}, EndsOn: Date{2026, 6, 12}}
	due := utc("2026-06-08T07:00:00Z") // 09:00 CEST two days before
	paused := soon
	paused.Paused = true
	moved := ev
	moved.StartsOn = Date{2026, 6, 1}
	edited := soon
	edited.Updated = utc("2026-06-08T12:00:00Z")
	tests := []struct {
		name string
		r    Rule
		ev   Event
		c    Candidate
		now  time.Time
		want Decision
		ok   bool
	}{
		{"a minute early", soon, ev, Candidate{}, due.Add(-time.Minute), NotDue, true},
		{"on time", soon, ev, Candidate{}, due, Fire, true},
		{"23 h late still goes", soon, ev, Candidate{}, due.Add(23 * time.Hour), Fire, true},
		{"exactly 24 h late still goes", soon, ev, Candidate{}, due.Add(24 * time.Hour), Fire, true},
		{"more than 24 h late is missed", soon, ev, Candidate{}, due.Add(24*time.Hour + time.Minute), Miss, true},
		{"paused", paused, ev, Candidate{}, due, NotDue, true},
		{"event moved into the past", soon, moved, Candidate{}, due, NotDue, false},
		{"offset changed after it fell due", edited, ev, Candidate{}, utc("2026-06-08T13:00:00Z"), NotDue, true},
		{"unconfirmed at 48 h", unconfirmed, ev, Candidate{Since: utc("2026-06-01T10:00:00Z")}, utc("2026-06-03T10:00:00Z"), Fire, true},
		{"unconfirmed at 47 h", unconfirmed, ev, Candidate{Since: utc("2026-06-01T10:00:00Z")}, utc("2026-06-03T09:00:00Z"), NotDue, true},
		{"unconfirmed three days late", unconfirmed, ev, Candidate{Since: utc("2026-06-01T10:00:00Z")}, utc("2026-06-06T10:00:00Z"), Miss, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, ok := tt.r.Next(tt.ev, LoadZone(tt.ev.Timezone), tt.c, tt.now)
			if ok != tt.ok {
				t.Fatalf("Next ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			if got := tt.r.Decide(o, tt.now); got != tt.want {
				t.Errorf("Decide(due %s, now %s) = %d, want %d", o.Due, tt.now, got, tt.want)
			}
		})
	}
}
