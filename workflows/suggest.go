package workflows

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Working hours are 09:00–17:00 in each person's own zone: the span the
// overlap of a student and a mentor is measured on.
const (
	workStartHour = 9
	workEndHour   = 17
	// overlapDays bounds how many of the event's days are looked at.
	overlapDays = 62
)

// Suggestion is a mentor proposed for a student, with the reasons in words.
type Suggestion struct {
	Mentor        RegistrationView
	Load          int // open pairings
	Capacity      int
	SharedProject string // the project both named, as the student wrote it; "" when none
	// OverlapMin and OverlapMax are the shared working hours on the event's
	// days (they differ when clocks change during the event).
	OverlapMin, OverlapMax time.Duration
	Score                  int
	Reasons                []string
}

// Free is how many more mentees the mentor takes.
func (s Suggestion) Free() int { return s.Capacity - s.Load }

// MentorLoad is a mentor with their open pairings counted.
type MentorLoad struct {
	Mentor RegistrationView
	Load   int
}

// Free is how many more mentees the mentor takes.
func (m MentorLoad) Free() int { return MentorCapacity(m.Mentor.Registration) - m.Load }

// Suggester ranks mentors for students of one event. It remembers the
// overlap of each pair of zones and each mentor's projects and capacity, so
// ranking a few hundred students against a hundred mentors stays cheap.
type Suggester struct {
	event    Event
	overlaps map[[2]string][2]time.Duration
	mentors  map[string]mentorFacts // by mentor registration ID
}

// mentorFacts is what ranking needs of a mentor, worked out once.
type mentorFacts struct {
	capacity int
	projects map[string]bool // normalized
}

// NewSuggester prepares suggestions for the event's dates.
func NewSuggester(e Event) *Suggester {
	return &Suggester{event: e, overlaps: map[[2]string][2]time.Duration{}, mentors: map[string]mentorFacts{}}
}

// candidate is a mentor scored for one student, in small values: the full
// suggestion (reasons included) is built only for the few kept.
type candidate struct {
	i, score, free int
	shared         bool
	overlap        [2]time.Duration
}

// Suggest returns up to n mentors with room for student, best first. A
// shared project outweighs any overlap; then more shared hours, then more
// free places; then names, then IDs. Full mentors are never suggested.
func (s *Suggester) Suggest(student RegistrationView, mentors []MentorLoad, n int) []Suggestion {
	var wants []string
	for p := range projectSet(student.Answers.Project) {
		wants = append(wants, p)
	}
	before := func(a, b candidate) bool {
		ma, mb := mentors[a.i].Mentor, mentors[b.i].Mentor
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(ma.Person.Name, mb.Person.Name), cmp.Compare(ma.ID, mb.ID)) < 0
	}
	// The n best so far, best first: a few insertions, not a sort of all.
	best := make([]candidate, 0, n+1)
	for i, m := range mentors {
		facts := s.facts(m.Mentor)
		if m.Load >= facts.capacity || !CanMentor(m.Mentor.Status) || m.Mentor.EventID != student.EventID {
			continue
		}
		c := candidate{i: i, free: facts.capacity - m.Load, overlap: s.overlap(student.Person.Timezone, m.Mentor.Person.Timezone)}
		for _, p := range wants {
			if facts.projects[p] {
				c.shared = true
				break
			}
		}
		c.score = int(c.overlap[0]/time.Hour)*10 + min(c.free, 5)
		if c.shared {
			c.score += 1000
		}
		if len(best) == n && (n == 0 || !before(c, best[n-1])) {
			continue
		}
		at := len(best)
		for at > 0 && before(c, best[at-1]) {
			at--
		}
		best = slices.Insert(best, at, c)
		if len(best) > n {
			best = best[:n]
		}
	}
	out := make([]Suggestion, 0, len(best))
	for _, c := range best {
		m := mentors[c.i]
		sg := Suggestion{Mentor: m.Mentor, Load: m.Load, Capacity: MentorCapacity(m.Mentor.Registration),
			OverlapMin: c.overlap[0], OverlapMax: c.overlap[1], Score: c.score}
		if c.shared {
			sg.SharedProject = strings.TrimSpace(student.Answers.Project)
		}
		sg.Reasons = sg.reasons()
		out = append(out, sg)
	}
	return out
}

func (s *Suggester) facts(m RegistrationView) mentorFacts {
	f, ok := s.mentors[m.ID]
	if !ok {
		f = mentorFacts{capacity: MentorCapacity(m.Registration), projects: projectSet(m.Answers.Projects)}
		s.mentors[m.ID] = f
	}
	return f
}

func (sg Suggestion) reasons() []string {
	var r []string
	if sg.SharedProject != "" {
		r = append(r, "Mentors "+sg.SharedProject)
	} else {
		r = append(r, "No shared project")
	}
	switch {
	case sg.OverlapMax == 0:
		r = append(r, "No shared working hours")
	case sg.OverlapMin == sg.OverlapMax:
		r = append(r, fmt.Sprintf("%s of working hours shared", hours(sg.OverlapMin)))
	default:
		r = append(r, fmt.Sprintf("%s–%s of working hours shared (clocks change during the event)", hours(sg.OverlapMin), hours(sg.OverlapMax)))
	}
	return append(r, fmt.Sprintf("%d of %d places free", sg.Free(), sg.Capacity))
}

// hours formats a duration of whole or half hours as "3 h" or "2.5 h".
func hours(d time.Duration) string {
	h := d.Hours()
	if h == float64(int(h)) {
		return fmt.Sprintf("%d h", int(h))
	}
	return fmt.Sprintf("%.1f h", h)
}

func (s *Suggester) overlap(zoneA, zoneB string) [2]time.Duration {
	key := [2]string{zoneA, zoneB}
	if v, ok := s.overlaps[key]; ok {
		return v
	}
	v := WorkingOverlap(s.event, zoneA, zoneB)
	s.overlaps[key] = v
	return v
}

// WorkingOverlap is the least and the most working time two zones share on
// any day of the event (09:00–17:00 in each zone), computed from the zones'
// rules on those dates, so a DST change on either side counts.
func WorkingOverlap(e Event, zoneA, zoneB string) [2]time.Duration {
	la, lb := zoneOrUTC(zoneA), zoneOrUTC(zoneB)
	first, last := e.StartsOn, e.EndsOn
	if first.IsZero() {
		return [2]time.Duration{}
	}
	if last.Before(first) {
		last = first
	}
	lo, hi := time.Duration(-1), time.Duration(0)
	day := first.In(time.UTC)
	for i := 0; i < overlapDays && !day.After(last.In(time.UTC)); i, day = i+1, day.AddDate(0, 0, 1) {
		startA, endA := workday(day, la)
		var shared time.Duration
		// B's working day may fall on A's previous or next calendar day.
		for _, d := range []int{-1, 0, 1} {
			startB, endB := workday(day.AddDate(0, 0, d), lb)
			if o := minTime(endA, endB).Sub(maxTime(startA, startB)); o > 0 {
				shared += o
			}
		}
		if lo < 0 || shared < lo {
			lo = shared
		}
		hi = max(hi, shared)
	}
	return [2]time.Duration{max(lo, 0), hi}
}

func workday(day time.Time, loc *time.Location) (time.Time, time.Time) {
	y, m, d := day.Date()
	return time.Date(y, m, d, workStartHour, 0, 0, 0, loc), time.Date(y, m, d, workEndHour, 0, 0, 0, loc)
}

func zoneOrUTC(name string) *time.Location {
	if l, err := LoadLocation(name); err == nil && name != "" {
		return l
	}
	return time.UTC
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// projectSet reads a free-text list of projects ("Nova, oslo.config; Neutron")
// into normalized names: case and punctuation do not count, so "oslo.config",
// "Oslo Config" and "oslo-config" are one project. Each whole item and each
// word of it is in the set.
func projectSet(s string) map[string]bool {
	out := map[string]bool{}
	items := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",;/|&\n\r", r) })
	for _, item := range items {
		if n := normalizeProject(item); n != "" {
			out[n] = true
		}
		for _, w := range strings.Fields(item) {
			if n := normalizeProject(w); n != "" && n != "and" && n != "openstack" {
				out[n] = true
			}
		}
	}
	return out
}

func normalizeProject(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
