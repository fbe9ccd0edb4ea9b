package workflows

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"
)

// Watch is the organizers' view of how mentoring goes: who is stalled, the
// contributor funnel and the weekly activity.
type Watch struct{ Deps }

// ProgressFilter narrows the progress board; zero values match all.
type ProgressFilter struct {
	Colour   Colour
	MentorID string // a mentor's registration ID
}

// ProgressRow is one active student on the board.
type ProgressRow struct {
	Student     RegistrationView
	Mentor      RegistrationView // zero when the student has no mentor now
	PairingID   string
	Paired      time.Time
	StepsDone   int
	StepsTotal  int
	LastCheckIn CheckIn // zero when none yet
	Progress
	// Attention says the mentor asked for an organizer or the student is blocked.
	Attention bool
}

// ProgressCounts counts active students by colour.
type ProgressCounts struct {
	Green, Amber, Red, Attention int
}

// Total is every active student counted.
func (c ProgressCounts) Total() int { return c.Green + c.Amber + c.Red }

func (c *ProgressCounts) add(r ProgressRow) {
	switch r.Colour {
	case ColourRed:
		c.Red++
	case ColourAmber:
		c.Amber++
	default:
		c.Green++
	}
	if r.Attention {
		c.Attention++
	}
}

// ProgressPage is an event's progress board.
type ProgressPage struct {
	Event   Event
	Now     time.Time
	Filter  ProgressFilter
	Rows    []ProgressRow // matching the filter: attention first, then red, amber, green, longest silent first
	Counts  ProgressCounts
	Mentors []RegistrationView // mentors with a mentee, for the filter
	Funnel  []FunnelStage
	Weekly  []WeekBar
}

// Progress shows every active student of an event with their colour.
func (s *Watch) Progress(ctx context.Context, v Viewer, slug string, f ProgressFilter) (ProgressPage, error) {
	if err := v.organizer(); err != nil {
		return ProgressPage{}, err
	}
	page := ProgressPage{Now: s.Clock.Now(), Filter: f}
	err := s.Store.View(ctx, func(tx Tx) error {
		e, err := eventNamed(ctx, tx.Events, slug)
		if err != nil {
			return err
		}
		page.Event = e
		rows, err := progressRows(ctx, tx, e, page.Now)
		if err != nil {
			return err
		}
		weekly, err := tx.Activity.WeeklyActivity(ctx, e.ID)
		if err != nil {
			return err
		}
		mentors := map[string]RegistrationView{}
		for _, r := range rows {
			page.Counts.add(r)
			if r.Mentor.ID != "" {
				mentors[r.Mentor.ID] = r.Mentor
			}
			if (f.Colour == "" || r.Colour == f.Colour) && (f.MentorID == "" || r.Mentor.ID == f.MentorID) {
				page.Rows = append(page.Rows, r)
			}
		}
		for _, m := range mentors {
			page.Mentors = append(page.Mentors, m)
		}
		slices.SortFunc(page.Mentors, func(a, b RegistrationView) int {
			return cmp.Compare(strings.ToLower(a.Person.Name), strings.ToLower(b.Person.Name))
		})
		counts, err := tx.Lists.EventCounts(ctx, e.ID)
		if err != nil {
			return err
		}
		stepsDone, err := tx.Boards.StudentStepCounts(ctx, e.ID)
		if err != nil {
			return err
		}
		page.Funnel = funnel(counts, stepsDone)
		page.Weekly = WeekBars(weekly, WeekOf(page.Now, e.loc()), 12)
		return nil
	})
	return page, err
}

// progressRows judges every active student of the event at now, most
// urgent first: those needing an organizer, then red, amber, green, the
// longest silent first, then by name. One query for the students, one for
// their mentors, one for the checklist's length.
func progressRows(ctx context.Context, tx Tx, e Event, now time.Time) ([]ProgressRow, error) {
	facts, err := tx.Boards.ProgressFacts(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	steps, err := tx.Steps.StepsOfEvent(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	mentors := map[string]RegistrationView{}
	if len(facts) > 0 {
		list, err := tx.Boards.MentorsOfEvent(ctx, e.ID)
		if err != nil {
			return nil, err
		}
		for _, m := range list {
			mentors[m.ID] = m
		}
	}
	rows := make([]ProgressRow, len(facts))
	// Sort small keys, not the rows: a row is over a kilobyte.
	type key struct {
		i, rank, days int
		attention     bool
		name          string
	}
	keys := make([]key, len(facts))
	for i, f := range facts {
		row := ProgressRow{Student: f.Student, StepsDone: f.StepsDone, StepsTotal: len(steps)}
		anchor := f.Student.Updated
		if p := f.Pairing; p.ID != "" {
			row.Mentor, row.PairingID, row.Paired, anchor = mentors[p.MentorID], p.ID, p.Started, p.Started
			row.LastCheckIn = f.LastCheckIn
			row.Attention = row.LastCheckIn.NeedsOrganizer || row.LastCheckIn.State == CheckInBlocked
		}
		row.Progress = ProgressAt(now, anchor, f.LastActivity)
		if row.PairingID == "" {
			row.Reason += " No mentor at the moment."
		}
		rows[i] = row
		keys[i] = key{i: i, rank: colourRank(row.Colour), days: row.Days, attention: row.Attention, name: strings.ToLower(f.Student.Person.Name)}
	}
	slices.SortStableFunc(keys, func(a, b key) int {
		return cmp.Or(-cmpBool(a.attention, b.attention), cmp.Compare(a.rank, b.rank), cmp.Compare(b.days, a.days), cmp.Compare(a.name, b.name))
	})
	out := make([]ProgressRow, len(rows))
	for j, k := range keys {
		out[j] = rows[k.i]
	}
	return out, nil
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// progressCounts counts an event's active students by colour, for /admin.
func progressCounts(ctx context.Context, tx Tx, e Event, now time.Time) (ProgressCounts, error) {
	var c ProgressCounts
	rows, err := progressRows(ctx, tx, e, now)
	if err != nil {
		return c, err
	}
	for _, r := range rows {
		c.add(r)
	}
	return c, nil
}
