package sqlstore

import (
	"context"
	"fmt"
	"time"

	"registrar/workflows"
)

// The organizers' reads and writes: every event, registrations with their
// people, emails and outbox rows.

func (t *tx) ListEvents(ctx context.Context) ([]workflows.Event, error) {
	return t.eventsWhere(ctx, `1 = 1 ORDER BY starts_on DESC, title`)
}

func (t *tx) eventsWhere(ctx context.Context, where string, args ...any) ([]workflows.Event, error) {
	rows, err := t.query(ctx, `SELECT `+eventColumns+` FROM events WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	defer rows.Close()
	var out []workflows.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("scan event: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func (t *tx) UpdateEvent(ctx context.Context, e workflows.Event) error {
	res, err := t.exec(ctx, `UPDATE events SET title = ?, location = ?, timezone = ?, starts_on = ?, ends_on = ?,
		student_capacity = ?, mentor_capacity = ?, opens_at = ?, closes_at = ?, closed = ? WHERE id = ?`,
		e.Title, e.Location, e.Timezone, e.StartsOn.String(), e.EndsOn.String(), e.StudentCapacity, e.MentorCapacity,
		toMicros(e.OpensAt), toMicros(e.ClosesAt), e.Closed, e.ID)
	if err != nil {
		return fmt.Errorf("update event %s: %w", e.ID, err)
	}
	return mustAffect(res, "update event")
}

// CountRegistrations counts every event's registrations by role and status
// from the few rows of registration_counts the triggers keep, not from the
// registrations themselves (20 ms for 10,000 once no index covered them).
func (t *tx) CountRegistrations(ctx context.Context) ([]workflows.RegistrationCount, error) {
	return t.registrationCounts(ctx, "")
}

// registrationCounts sums the shards of registration_counts for the events
// clause selects (every event for "").
func (t *tx) registrationCounts(ctx context.Context, clause string, args ...any) ([]workflows.RegistrationCount, error) {
	rows, err := t.query(ctx, `SELECT event_id, role, status, CAST(SUM(n) AS BIGINT) FROM registration_counts `+clause+`
		GROUP BY event_id, role, status HAVING SUM(n) <> 0`, args...)
	if err != nil {
		return nil, fmt.Errorf("count registrations: %w", err)
	}
	defer rows.Close()
	var out []workflows.RegistrationCount
	for rows.Next() {
		var (
			c            workflows.RegistrationCount
			role, status string
		)
		if err := rows.Scan(&c.EventID, &role, &status, &c.N); err != nil {
			return nil, fmt.Errorf("scan count: %w", err)
		}
		c.Role, c.Status = workflows.Role(role), workflows.Status(status)
		out = append(out, c)
	}
	return out, rows.Err()
}

// registrationDetails reads registrations with their withdrawal reason and
// the time their confirmation link was used, in sign-up order.
func (t *tx) registrationDetails(ctx context.Context, where string, arg any) ([]workflows.RegistrationDetail, error) {
	rows, err := t.query(ctx, `SELECT `+registrationColumns+`, r.withdraw_reason, r.confirmed_at, r.waitlisted_at
		FROM registrations r
		WHERE `+where+` ORDER BY r.created_at, r.id`, arg)
	if err != nil {
		return nil, fmt.Errorf("list registrations: %w", err)
	}
	defer rows.Close()
	var out []workflows.RegistrationDetail
	for rows.Next() {
		var (
			d         workflows.RegistrationDetail
			confirmed int64
			waited    int64
		)
		if d.Registration, err = scanRegistration(rows, &d.WithdrawReason, &confirmed, &waited); err != nil {
			return nil, fmt.Errorf("scan registration: %w", err)
		}
		d.Confirmed, d.Waitlisted = fromMicros(confirmed), fromMicros(waited)
		out = append(out, d)
	}
	return out, rows.Err()
}

func (t *tx) RegistrationsOfEvent(ctx context.Context, eventID string) ([]workflows.RegistrationDetail, error) {
	ev, err := t.EventByID(ctx, eventID)
	if err != nil {
		return nil, err
	}
	people, err := t.peopleWhere(ctx, `id IN (SELECT person_id FROM registrations WHERE event_id = ?)`, eventID)
	if err != nil {
		return nil, err
	}
	out, err := t.registrationDetails(ctx, `r.event_id = ?`, eventID)
	for i := range out {
		out[i].Event, out[i].Person = ev, people[out[i].PersonID]
	}
	return out, err
}

func (t *tx) RegistrationsOfPerson(ctx context.Context, personID string) ([]workflows.RegistrationDetail, error) {
	p, err := t.PersonByID(ctx, personID)
	if err != nil {
		return nil, err
	}
	events, err := t.eventsWhere(ctx, `id IN (SELECT event_id FROM registrations WHERE person_id = ?)`, personID)
	if err != nil {
		return nil, err
	}
	byID := map[string]workflows.Event{}
	for _, e := range events {
		byID[e.ID] = e
	}
	out, err := t.registrationDetails(ctx, `r.person_id = ?`, personID)
	for i := range out {
		out[i].Event, out[i].Person = byID[out[i].EventID], p
	}
	return out, err
}

func (t *tx) peopleWhere(ctx context.Context, where string, arg any) (map[string]workflows.Person, error) {
	rows, err := t.query(ctx, `SELECT `+personColumns+` FROM people WHERE `+where, arg)
	if err != nil {
		return nil, fmt.Errorf("list people: %w", err)
	}
	defer rows.Close()
	out := map[string]workflows.Person{}
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, fmt.Errorf("scan person: %w", err)
		}
		out[p.ID] = p
	}
	return out, rows.Err()
}

func (t *tx) SetWithdrawReason(ctx context.Context, registrationID, reason string) error {
	res, err := t.exec(ctx, `UPDATE registrations SET withdraw_reason = ? WHERE id = ?`, reason, registrationID)
	if err != nil {
		return fmt.Errorf("set withdraw reason of %s: %w", registrationID, err)
	}
	return mustAffect(res, "set withdraw reason")
}

// EmailsOfPerson lists the emails queued for a person, newest first.
func (t *tx) EmailsOfPerson(ctx context.Context, personID string) ([]workflows.Email, error) {
	out, err := t.emailsWhere(ctx, `person_id = ?`, `created_at DESC, id`, personID)
	if err != nil {
		return nil, fmt.Errorf("emails of %s: %w", personID, err)
	}
	return out, nil
}

// strings runs a query of one text column.
func (t *tx) strings(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

const jobStatusColumns = `j.kind, j.job_key, j.state, j.attempts, j.failures, j.last_error, j.external_id, j.run_at, j.updated_at`

func scanJobStatus(s scanner, extra ...any) (workflows.JobStatus, error) {
	var (
		j           workflows.JobStatus
		kind, state string
		runAt, upd  int64
	)
	dest := append([]any{&kind, &j.Key, &state, &j.Attempts, &j.Failures, &j.LastError, &j.ExternalID, &runAt, &upd}, extra...)
	if err := s.Scan(dest...); err != nil {
		return j, err
	}
	j.Kind, j.State, j.RunAt, j.Updated = workflows.JobKind(kind), workflows.JobState(state), fromMicros(runAt), fromMicros(upd)
	return j, nil
}

func (t *tx) JobsFor(ctx context.Context, keys []string) ([]workflows.JobStatus, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	return t.jobStatuses(ctx, `SELECT `+jobStatusColumns+`, '', '' FROM jobs j
		WHERE j.job_key IN (`+placeholders(len(keys))+`) ORDER BY j.kind, j.job_key`, args...)
}

// problemJob is jobs_problems' predicate, literally (migration 00076): with
// the state parked or retrying, a job that has failed.
const problemJob = `(j.failures > 0 OR j.state = '` + jobFailed + `')`

// ProblemJobs finds who each job concerns through its key: a registration
// or an email.
func (t *tx) ProblemJobs(ctx context.Context, limit int) ([]workflows.JobStatus, error) {
	return t.jobStatuses(ctx, `SELECT `+jobStatusColumns+`, COALESCE(p.id, ''), COALESCE(p.name, '')
		FROM jobs j
		LEFT JOIN registrations r ON r.id = j.job_key
		LEFT JOIN outbound_emails e ON e.id = j.job_key
		LEFT JOIN people p ON p.id = COALESCE(r.person_id, e.person_id)
		WHERE `+problemJob+` AND j.state IN (?, ?)
		ORDER BY j.updated_at DESC, j.kind, j.job_key LIMIT ?`, jobFailed, jobQueued, limit)
}

func (t *tx) jobStatuses(ctx context.Context, query string, args ...any) ([]workflows.JobStatus, error) {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list jobs: %w", err)
	}
	defer rows.Close()
	var out []workflows.JobStatus
	for rows.Next() {
		var personID, name string
		j, err := scanJobStatus(rows, &personID, &name)
		if err != nil {
			return nil, fmt.Errorf("scan job: %w", err)
		}
		j.PersonID, j.PersonName = personID, name
		out = append(out, j)
	}
	return out, rows.Err()
}

// RetryJob makes a parked or waiting job due at once (the organizer's button).
func (t *tx) RetryJob(ctx context.Context, kind workflows.JobKind, key string, now time.Time) error {
	res, err := t.exec(ctx, `UPDATE jobs SET state = ?, run_at = ?, failures = 0, updated_at = ?
		WHERE kind = ? AND job_key = ? AND state <> ?`,
		jobQueued, toMicros(now), toMicros(now), string(kind), key, jobDone)
	if err != nil {
		return fmt.Errorf("retry %s %s: %w", kind, key, err)
	}
	return mustAffect(res, "retry job")
}
