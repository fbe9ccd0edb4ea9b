package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"registrar/workflows"
)

const ruleColumns = `id, event_id, kind, paused, subject, body, offset_days, offset_hours, at_minute, weekday, updated_at`

// scanRule reads a rule's columns, then extra destinations of a join.
func scanRule(s scanner, extra ...any) (workflows.Rule, error) {
	var (
		r    workflows.Rule
		kind string
		wd   int
		upd  int64
	)
	dest := []any{&r.ID, &r.EventID, &kind, &r.Paused, &r.Subject, &r.Body, &r.OffsetDays, &r.OffsetHours, &r.AtMinute, &wd, &upd}
	err := s.Scan(append(dest, extra...)...)
	r.Kind, r.Weekday, r.Updated = workflows.RuleKind(kind), time.Weekday(wd), fromMicros(upd)
	return r, err
}

func (t *tx) CreateRules(ctx context.Context, rules []workflows.Rule) error {
	for _, r := range rules {
		_, err := t.exec(ctx, `INSERT INTO reminder_rules (`+ruleColumns+`) VALUES (`+placeholders(11)+`)`,
			r.ID, r.EventID, string(r.Kind), r.Paused, r.Subject, r.Body, r.OffsetDays, r.OffsetHours, r.AtMinute, int(r.Weekday), toMicros(r.Updated))
		if err != nil {
			return fmt.Errorf("insert rule %s: %w", r.Kind, err)
		}
	}
	return nil
}

func (t *tx) RulesOfEvent(ctx context.Context, eventID string) ([]workflows.Rule, error) {
	rows, err := t.query(ctx, `SELECT `+ruleColumns+` FROM reminder_rules WHERE event_id = ?`, eventID)
	if err != nil {
		return nil, fmt.Errorf("list rules: %w", err)
	}
	defer rows.Close()
	byKind := map[workflows.RuleKind]workflows.Rule{}
	for rows.Next() {
		r, err := scanRule(rows)
		if err != nil {
			return nil, fmt.Errorf("scan rule: %w", err)
		}
		byKind[r.Kind] = r
	}
	var out []workflows.Rule
	for _, k := range workflows.RuleKinds() {
		if r, ok := byKind[k]; ok {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

func (t *tx) UpdateRule(ctx context.Context, r workflows.Rule) error {
	res, err := t.exec(ctx, `UPDATE reminder_rules SET paused = ?, subject = ?, body = ?, offset_days = ?, offset_hours = ?,
		at_minute = ?, weekday = ?, updated_at = ? WHERE id = ?`,
		r.Paused, r.Subject, r.Body, r.OffsetDays, r.OffsetHours, r.AtMinute, int(r.Weekday), toMicros(r.Updated), r.ID)
	if err != nil {
		return fmt.Errorf("update rule %s: %w", r.ID, err)
	}
	return mustAffect(res, "update rule")
}

// LiveRules returns the rules of events whose last day is not over.
func (t *tx) LiveRules(ctx context.Context, now time.Time) ([]workflows.EventRule, error) {
	rows, err := t.query(ctx, `SELECT `+qualified("r", ruleColumns)+`, `+qualified("e", eventColumns)+`
		FROM reminder_rules r JOIN events e ON e.id = r.event_id
		WHERE e.ends_on >= ? ORDER BY e.starts_on, e.id, r.kind`, now.AddDate(0, 0, -1).Format(time.DateOnly))
	if err != nil {
		return nil, fmt.Errorf("live rules: %w", err)
	}
	defer rows.Close()
	var out []workflows.EventRule
	for rows.Next() {
		var er eventRow
		r, err := scanRule(rows, er.dest()...)
		if err != nil {
			return nil, fmt.Errorf("scan rule: %w", err)
		}
		e, err := er.event()
		if err != nil {
			return nil, fmt.Errorf("rule %s: %w", r.ID, err)
		}
		out = append(out, workflows.EventRule{Rule: r, Event: e})
	}
	return out, rows.Err()
}

func (t *tx) EventsWithoutRules(ctx context.Context) ([]workflows.Event, error) {
	return t.eventsWhere(ctx, `NOT EXISTS (SELECT 1 FROM reminder_rules r WHERE r.event_id = events.id)`)
}

// reachable leaves out people who must get no reminders of a category:
// bounced, complained, or opted out. It takes the category as its argument.
const reachable = ` AND p.undeliverable = ? AND p.unsubscribed = ? AND NOT EXISTS (
	SELECT 1 FROM email_preferences ep WHERE ep.person_id = p.id AND ep.category = ? AND ep.unsubscribed = ?)`

func reachableArgs(c workflows.Category) []any { return []any{false, false, string(c), true} }

// Candidates lists whom a rule concerns at now.
func (t *tx) Candidates(ctx context.Context, er workflows.EventRule, now time.Time) ([]workflows.Candidate, error) {
	var statuses []workflows.Status
	switch er.Kind {
	case workflows.RuleEventSoon:
		statuses = []workflows.Status{workflows.StatusAccepted, workflows.StatusActive}
	case workflows.RuleUnconfirmed:
		statuses = []workflows.Status{workflows.StatusPending}
	case workflows.RuleOrganizerDigest:
		return t.candidates(ctx, `SELECT p.id, '', p.name, p.timezone, p.created_at FROM people p WHERE p.organizer = ?`+reachable+` ORDER BY p.name, p.id`,
			append([]any{true}, reachableArgs(er.Kind.Category())...)...)
	case workflows.RuleCheckInDue:
		// Mentors with an open pairing that has no check-in for the
		// event's current ISO week (the week check-ins are kept by) and
		// owes one: it began before that week (workflows.CheckInExpected).
		loc := workflows.LoadZone(er.Event.Timezone)
		week := workflows.WeekOf(now, loc)
		return t.candidates(ctx, `SELECT p.id, MIN(m.id), p.name, p.timezone, MIN(m.created_at)
			FROM pairings pr JOIN registrations m ON m.id = pr.mentor_registration_id JOIN people p ON p.id = m.person_id
			WHERE pr.event_id = ? AND pr.ended_at = 0 AND m.status IN (?, ?) AND pr.started_at < ?
			AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.pairing_id = pr.id AND c.week = ?)`+reachable+`
			GROUP BY p.id, p.name, p.timezone ORDER BY p.name, p.id`,
			append([]any{er.EventID, string(workflows.StatusAccepted), string(workflows.StatusActive), toMicros(week.Start(loc)), string(week)}, reachableArgs(er.Kind.Category())...)...)
	case workflows.RuleStudentNudge:
		// Active students with no progress (a step, a check-in) for
		// OffsetDays, who have been active at least that long.
		since := toMicros(now.AddDate(0, 0, -er.OffsetDays))
		return t.candidates(ctx, `SELECT p.id, r.id, p.name, p.timezone, r.created_at FROM registrations r JOIN people p ON p.id = r.person_id
			WHERE r.event_id = ? AND r.role = ? AND r.status = ? AND r.updated_at < ?
			AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.registration_id = r.id AND a.at >= ?)`+reachable+` ORDER BY p.name, p.id`,
			append([]any{er.EventID, string(workflows.RoleStudent), string(workflows.StatusActive), since, since}, reachableArgs(er.Kind.Category())...)...)
	default:
		return nil, nil
	}
	args := []any{er.EventID}
	for _, s := range statuses {
		args = append(args, string(s))
	}
	return t.candidates(ctx, `SELECT p.id, r.id, p.name, p.timezone, r.created_at FROM registrations r JOIN people p ON p.id = r.person_id
		WHERE r.event_id = ? AND r.status IN (`+placeholders(len(statuses))+`)`+reachable+` ORDER BY p.name, p.id`,
		append(args, reachableArgs(er.Kind.Category())...)...)
}

func (t *tx) candidates(ctx context.Context, query string, args ...any) ([]workflows.Candidate, error) {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("reminder candidates: %w", err)
	}
	defer rows.Close()
	var out []workflows.Candidate
	for rows.Next() {
		var (
			c     workflows.Candidate
			since int64
		)
		if err := rows.Scan(&c.PersonID, &c.RegistrationID, &c.Name, &c.Timezone, &since); err != nil {
			return nil, fmt.Errorf("scan candidate: %w", err)
		}
		c.Since = fromMicros(since)
		out = append(out, c)
	}
	return out, rows.Err()
}

func (t *tx) TakenPeriods(ctx context.Context, sourceID string, periods []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(periods) == 0 {
		return out, nil
	}
	args := []any{sourceID}
	for _, p := range periods {
		args = append(args, p)
	}
	rows, err := t.query(ctx, `SELECT person_id, period FROM sends WHERE source_id = ? AND period IN (`+placeholders(len(periods))+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("taken periods: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var person, period string
		if err := rows.Scan(&person, &period); err != nil {
			return nil, fmt.Errorf("scan taken period: %w", err)
		}
		out[person+"|"+period] = true
	}
	return out, rows.Err()
}

// sendInsertRows is how many sends one INSERT statement carries.
const sendInsertRows = 200

// InsertSends inserts sends whose (source, person, period) is free; a
// conflicting one (inserted by another pass or instance) is left alone.
func (t *tx) InsertSends(ctx context.Context, sends []workflows.Send) (int, error) {
	inserted := 0
	for start := 0; start < len(sends); start += sendInsertRows {
		chunk := sends[start:min(start+sendInsertRows, len(sends))]
		values := make([]string, 0, len(chunk))
		args := make([]any, 0, 11*len(chunk))
		for _, s := range chunk {
			values = append(values, "("+placeholders(11)+")")
			args = append(args, s.ID, s.SourceID, s.EventID, s.PersonID, s.RegistrationID, s.Period, string(s.State),
				toMicros(s.Due), s.BatchID, toMicros(s.Created), toMicros(s.Updated))
		}
		res, err := t.exec(ctx, `INSERT INTO sends (id, source_id, event_id, person_id, registration_id, period, state,
			due_at, batch_id, created_at, updated_at) VALUES `+strings.Join(values, ", ")+`
			ON CONFLICT (source_id, person_id, period) DO NOTHING`, args...)
		if err != nil {
			return inserted, fmt.Errorf("insert sends: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return inserted, fmt.Errorf("insert sends: %w", err)
		}
		inserted += int(n)
	}
	return inserted, nil
}

func (t *tx) CreateBatch(ctx context.Context, b workflows.Batch) error {
	_, err := t.exec(ctx, `INSERT INTO send_batches (id, event_id, source_id, kind, category, subject, html_body, text_body, state, created_at)
		VALUES (`+placeholders(10)+`)`, b.ID, b.EventID, b.SourceID, b.Kind, string(b.Category), b.Subject, b.HTML, b.Text,
		string(b.State), toMicros(b.Created))
	if err != nil {
		return fmt.Errorf("insert batch: %w", err)
	}
	return nil
}

// DigestFacts counts an event's week for the organizers' digest.
func (t *tx) DigestFacts(ctx context.Context, eventID string, since time.Time) (workflows.DigestFacts, error) {
	var d workflows.DigestFacts
	err := t.queryRow(ctx, `SELECT
		COALESCE(SUM(CASE WHEN created_at >= ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status = ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status = ? THEN 1 ELSE 0 END), 0)
		FROM registrations WHERE event_id = ?`,
		toMicros(since), string(workflows.StatusWaitlisted), string(workflows.StatusPending), eventID).
		Scan(&d.NewSignups, &d.Waitlisted, &d.Pending)
	if err != nil {
		return d, fmt.Errorf("digest counts: %w", err)
	}
	err = t.queryRow(ctx, `SELECT COUNT(*) FROM registrations r WHERE r.event_id = ? AND r.role = ? AND r.status = ?
		AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.registration_id = r.id AND a.at >= ?)`,
		eventID, string(workflows.RoleStudent), string(workflows.StatusActive), toMicros(since.AddDate(0, 0, -7))).Scan(&d.RedStudents)
	if err != nil {
		return d, fmt.Errorf("digest red students: %w", err)
	}
	err = t.queryRow(ctx, `SELECT COUNT(DISTINCT c.pairing_id) FROM check_ins c JOIN pairings pr ON pr.id = c.pairing_id
		WHERE pr.event_id = ? AND pr.ended_at = 0 AND c.needs_organizer = ? AND c.updated_at >= ?`, eventID, true, toMicros(since)).Scan(&d.NeedOrganizer)
	if err != nil {
		return d, fmt.Errorf("digest pairings needing an organizer: %w", err)
	}
	err = t.queryRow(ctx, `SELECT COUNT(*) FROM jobs j JOIN registrations r ON r.id = j.job_key
		WHERE r.event_id = ? AND (j.state = ? OR j.failures > 0)`, eventID, jobFailed).Scan(&d.FailedJobs)
	if err != nil {
		return d, fmt.Errorf("digest failed jobs: %w", err)
	}
	return d, nil
}
