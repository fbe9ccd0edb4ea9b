package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"registrar/integrations/jobs"
	"registrar/workflows"
)

// Job states, as workflows names them (organizers read them back as
// JobStatus). A queued job is due when run_at has passed and no live lease
// holds it; a leased job whose worker died becomes due again when the lease
// runs out.
const (
	jobQueued = string(workflows.JobQueued)
	jobDone   = string(workflows.JobDone)
	jobFailed = string(workflows.JobFailed) // parked: a permanent error, kept for organizers
)

// Enqueue asks for kind to run for key. Enqueueing a key that exists makes it
// due again and bumps its version, so a worker holding an older version
// leaves it queued when it finishes.
func (t *tx) Enqueue(ctx context.Context, kind workflows.JobKind, key string, runAt time.Time) error {
	return t.execLater(ctx, fmt.Sprintf("enqueue %s %s", kind, key), enqueueSQL, enqueueArgs(kind, key, runAt)...)
}

// enqueueSQL is Enqueue's statement, with enqueueArgs; QueueEmail runs it
// as part of its own on PostgreSQL.
const enqueueSQL = `INSERT INTO jobs (kind, job_key, state, version, run_at, created_at, updated_at)
		VALUES (?, ?, ?, 1, ?, ?, ?)
		ON CONFLICT (kind, job_key) DO UPDATE SET
			state = excluded.state, version = jobs.version + 1, failures = 0,
			run_at = excluded.run_at, last_error = '', updated_at = excluded.updated_at`

func enqueueArgs(kind workflows.JobKind, key string, runAt time.Time) []any {
	at := toMicros(runAt)
	return []any{string(kind), key, jobQueued, at, at, at}
}

// Claim leases up to limit due jobs of kind until now+lease. It sets no
// column that an index of jobs holds (updated_at is jobs_problems' key), so
// PostgreSQL rewrites each row in its page (HOT) instead of adding an entry
// to every index of jobs: every email's job is claimed once.
func (d *DB) Claim(ctx context.Context, kind workflows.JobKind, limit int, now time.Time, lease time.Duration) ([]jobs.Job, error) {
	var claimed []jobs.Job
	token := workflows.NewID()
	err := d.inTx(ctx, func(t *tx) error {
		rows, err := t.query(ctx, `UPDATE jobs SET lease_until = ?, lease_token = ?, attempts = attempts + 1
			WHERE (kind, job_key) IN (
				SELECT kind, job_key FROM jobs
				WHERE kind = ? AND state = ? AND run_at <= ? AND lease_until <= ?
				ORDER BY run_at LIMIT ?`+t.d.skipLocked+`)
			RETURNING job_key, attempts, external_id, version, failures`,
			toMicros(now.Add(lease)), token, string(kind), jobQueued, toMicros(now), toMicros(now), limit)
		if err != nil {
			return fmt.Errorf("claim %s jobs: %w", kind, err)
		}
		defer rows.Close()
		for rows.Next() {
			j := jobs.Job{JobRef: workflows.JobRef{Kind: kind}, LeaseToken: token}
			if err := rows.Scan(&j.Key, &j.Attempt, &j.ExternalID, &j.Version, &j.Failures); err != nil {
				return fmt.Errorf("scan claimed job: %w", err)
			}
			claimed = append(claimed, j)
		}
		return rows.Err()
	})
	return claimed, err
}

// forgetDone are the kinds whose done row says nothing the rest of the
// database does not: a sent email's record keeps its provider ID, status and
// time. Their rows go once done, so the outbox does not grow with every email
// (about 290 bytes a sign-up on SQLite with the row's five index entries).
var forgetDone = map[workflows.JobKind]bool{workflows.JobSendEmail: true}

// Record writes the outcomes of a batch in one transaction, commit's writes
// first. A job enqueued again while it ran stays queued for the newer
// version; a lost lease (the job expired and was claimed again) matches no
// row: the newer claim owns the outcome.
func (d *DB) Record(ctx context.Context, outs []jobs.Outcome, commit func(context.Context, workflows.Tx) error, now time.Time) error {
	return d.inTx(ctx, func(t *tx) error {
		if commit != nil {
			if err := commit(ctx, t.ports()); err != nil {
				return err
			}
		}
		rest, err := t.dropDone(ctx, outs)
		if err != nil {
			return err
		}
		for _, o := range rest {
			if err := t.recordJob(ctx, o, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// dropDone deletes the rows of the done jobs whose kind forgets them, one
// statement for a batch's claim, and returns the outcomes left to record:
// the others, and those it found enqueued again or claimed anew.
func (t *tx) dropDone(ctx context.Context, outs []jobs.Outcome) ([]jobs.Outcome, error) {
	type claim struct {
		kind  workflows.JobKind
		token string
	}
	var (
		rest   []jobs.Outcome
		claims = map[claim][]jobs.Outcome{}
	)
	for _, o := range outs {
		if o.State == workflows.JobDone && forgetDone[o.Kind] {
			c := claim{o.Kind, o.LeaseToken}
			claims[c] = append(claims[c], o)
		} else {
			rest = append(rest, o)
		}
	}
	for c, done := range claims {
		padded := padBatch(done)
		args := []any{string(c.kind), c.token}
		for _, o := range padded {
			args = append(args, o.Key)
		}
		for _, o := range padded {
			args = append(args, o.Key, o.Version)
		}
		rows, err := t.query(ctx, dropDoneSQL(len(padded)), args...)
		if err != nil {
			return nil, fmt.Errorf("drop done %s jobs: %w", c.kind, err)
		}
		dropped := map[string]bool{}
		for rows.Next() {
			var key string
			if err := rows.Scan(&key); err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan dropped job: %w", err)
			}
			dropped[key] = true
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return nil, fmt.Errorf("drop done %s jobs: %w", c.kind, err)
		}
		for _, o := range done {
			if !dropped[o.Key] {
				rest = append(rest, o) // enqueued again meanwhile, or the lease was lost: as for any kind
			}
		}
	}
	return rest, nil
}

// dropDoneSQL deletes n done jobs of one kind and claim, each at the version
// claimed, found by the primary key: args are the kind, the lease token, the
// n keys, then n pairs of key and version.
func dropDoneSQL(n int) string {
	return `DELETE FROM jobs WHERE kind = ? AND lease_token = ? AND job_key IN (` + placeholders(n) + `)
		AND version = CASE job_key` + strings.Repeat(` WHEN ? THEN CAST(? AS INTEGER)`, n) + ` END
		RETURNING job_key`
}

// recordJob sets the outcome of one job.
func (t *tx) recordJob(ctx context.Context, o jobs.Outcome, now time.Time) error {
	var (
		set  string
		args []any
	)
	switch o.State {
	case workflows.JobDone:
		set = `state = CASE WHEN version = ? THEN ? ELSE ? END,
			external_id = CASE WHEN ? <> '' THEN ? ELSE external_id END, failures = 0, last_error = '', run_at = ?`
		args = []any{o.Version, jobDone, jobQueued, o.ExternalID, o.ExternalID, toMicros(now)}
	case workflows.JobQueued: // retry at RunAt, keeping the error for organizers
		set = `failures = failures + 1, last_error = ?, run_at = ?`
		args = []any{truncate(o.LastError), toMicros(o.RunAt)}
	default: // parked: it stays visible with its error until someone retries it by hand
		set = `state = CASE WHEN version = ? THEN ? ELSE ? END, failures = failures + 1, last_error = ?`
		args = []any{o.Version, jobFailed, jobQueued, truncate(o.LastError)}
	}
	_, err := t.exec(ctx, `UPDATE jobs SET `+set+`, lease_until = 0, lease_token = '', updated_at = ?
		WHERE kind = ? AND job_key = ? AND lease_token = ?`, append(args, toMicros(now), string(o.Kind), o.Key, o.LeaseToken)...)
	if err != nil {
		return fmt.Errorf("record %s %s: %w", o.Kind, o.Key, err)
	}
	return nil
}

// Stats summarises the outbox per kind at now.
func (d *DB) Stats(ctx context.Context, now time.Time) ([]jobs.Stats, error) {
	var out []jobs.Stats
	n := toMicros(now)
	err := d.view(ctx, func(t *tx) error {
		rows, err := t.query(ctx, `SELECT kind,
			SUM(CASE WHEN state = ? AND run_at <= ? THEN 1 ELSE 0 END),
			SUM(CASE WHEN state = ? AND lease_until > ? THEN 1 ELSE 0 END),
			SUM(CASE WHEN state = ? AND run_at > ? THEN 1 ELSE 0 END),
			SUM(CASE WHEN state = ? THEN 1 ELSE 0 END),
			COALESCE(MIN(CASE WHEN state = ? AND run_at <= ? THEN run_at END), 0)
			FROM jobs GROUP BY kind ORDER BY kind`,
			jobQueued, n, jobQueued, n, jobQueued, n, jobFailed, jobQueued, n)
		if err != nil {
			return fmt.Errorf("job stats: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var (
				s      jobs.Stats
				kind   string
				oldest int64
			)
			if err := rows.Scan(&kind, &s.Due, &s.InFlight, &s.Waiting, &s.Failed, &oldest); err != nil {
				return fmt.Errorf("scan job stats: %w", err)
			}
			s.Kind = workflows.JobKind(kind)
			if oldest > 0 {
				s.OldestDue = now.Sub(fromMicros(oldest))
			}
			out = append(out, s)
		}
		return rows.Err()
	})
	return out, err
}

// truncate keeps stored errors to a readable size.
func truncate(s string) string {
	const max = 2000
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}
