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
		e, err := tx.Events.EventBySlug(ctx, slug)
		if err != nil {
			return notFound(err, "There is no such event.")
		}
		page.Event = e
		m, err := loadMentoring(ctx, tx, e)
		if err != nil {
			return err
		}
		weekly, err := tx.Activity.WeeklyActivity(ctx, e.ID)
		if err != nil {
			return err
		}
		rows := m.rows(page.Now)
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
		page.Funnel = m.funnel()
		page.Weekly = WeekBars(weekly, WeekOf(page.Now, e.loc()), 12)
		return nil
	})
	return page, err
}

// mentoring is what an event's boards are computed from, read in a few queries.
type mentoring struct {
	regs     []RegistrationDetail
	byID     map[string]RegistrationView
	open     map[string]Pairing // by student registration ID
	steps    []Step
	done     map[string][]StepProgress // by registration ID
	latest   map[string]CheckIn        // by pairing ID
	activity map[string]time.Time      // by student registration ID
}

func loadMentoring(ctx context.Context, tx Tx, e Event) (*mentoring, error) {
	m := &mentoring{byID: map[string]RegistrationView{}, open: map[string]Pairing{}, done: map[string][]StepProgress{}, latest: map[string]CheckIn{}}
	var err error
	if m.regs, err = tx.Registrations.RegistrationsOfEvent(ctx, e.ID); err != nil {
		return nil, err
	}
	for _, r := range m.regs {
		m.byID[r.ID] = r.RegistrationView
	}
	open, err := tx.Pairings.OpenPairingsOfEvent(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	for _, p := range open {
		m.open[p.StudentID] = p
	}
	if m.steps, err = tx.Steps.StepsOfEvent(ctx, e.ID); err != nil {
		return nil, err
	}
	progress, err := tx.Steps.ProgressOfEvent(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	for _, p := range progress {
		m.done[p.RegistrationID] = append(m.done[p.RegistrationID], p)
	}
	latest, err := tx.CheckIns.LatestCheckIns(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	for _, c := range latest {
		m.latest[c.PairingID] = c
	}
	m.activity, err = tx.Activity.LastActivity(ctx, e.ID)
	return m, err
}

// rows judges every active student at now, most urgent first.
func (m *mentoring) rows(now time.Time) []ProgressRow {
	var out []ProgressRow
	for _, r := range m.regs {
		if r.Role != RoleStudent || r.Status != StatusActive {
			continue
		}
		row := ProgressRow{Student: r.RegistrationView}
		row.StepsDone, row.StepsTotal = ProgressCount(m.steps, m.done[r.ID])
		anchor := r.Updated
		if p, ok := m.open[r.ID]; ok {
			row.Mentor, row.PairingID, row.Paired, anchor = m.byID[p.MentorID], p.ID, p.Started, p.Started
			row.LastCheckIn = m.latest[p.ID]
			row.Attention = row.LastCheckIn.NeedsOrganizer || row.LastCheckIn.State == CheckInBlocked
		}
		row.Progress = ProgressAt(now, anchor, m.activity[r.ID])
		if row.PairingID == "" {
			row.Reason += " No mentor at the moment."
		}
		out = append(out, row)
	}
	rank := map[Colour]int{ColourRed: 0, ColourAmber: 1, ColourGreen: 2}
	slices.SortStableFunc(out, func(a, b ProgressRow) int {
		return cmp.Or(-cmpBool(a.Attention, b.Attention), cmp.Compare(rank[a.Colour], rank[b.Colour]),
			cmp.Compare(b.Days, a.Days), cmp.Compare(strings.ToLower(a.Student.Person.Name), strings.ToLower(b.Student.Person.Name)))
	})
	return out
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
	m, err := loadMentoring(ctx, tx, e)
	if err != nil {
		return c, err
	}
	for _, r := range m.rows(now) {
		c.add(r)
	}
	return c, nil
}
