package sqlstore

import (
	"context"
	"fmt"
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
	at := toMicros(runAt)
	_, err := t.exec(ctx, `INSERT INTO jobs (kind, job_key, state, version, run_at, created_at, updated_at)
		VALUES (?, ?, ?, 1, ?, ?, ?)
		ON CONFLICT (kind, job_key) DO UPDATE SET
			state = excluded.state, version = jobs.version + 1, failures = 0,
			run_at = excluded.run_at, last_error = '', updated_at = excluded.updated_at`,
		string(kind), key, jobQueued, at, at, at)
	if err != nil {
		return fmt.Errorf("enqueue %s %s: %w", kind, key, err)
	}
	return nil
}

// Claim leases up to limit due jobs of kind until now+lease.
func (d *DB) Claim(ctx context.Context, kind workflows.JobKind, limit int, now time.Time, lease time.Duration) ([]jobs.Job, error) {
	var claimed []jobs.Job
	token := workflows.NewID()
	err := d.inTx(ctx, func(t *tx) error {
		rows, err := t.query(ctx, `UPDATE jobs SET lease_until = ?, lease_token = ?, attempts = attempts + 1, updated_at = ?
			WHERE (kind, job_key) IN (
				SELECT kind, job_key FROM jobs
				WHERE kind = ? AND state = ? AND run_at <= ? AND lease_until <= ?
				ORDER BY run_at LIMIT ?`+t.d.skipLocked+`)
			RETURNING job_key, attempts, external_id, version, failures`,
			toMicros(now.Add(lease)), token, toMicros(now), string(kind), jobQueued, toMicros(now), toMicros(now), limit)
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

// Complete records success. If the job was enqueued again while it ran, it
// stays queued for the newer version.
func (d *DB) Complete(ctx context.Context, j jobs.Job, externalID string, now time.Time) error {
	return d.inTx(ctx, func(t *tx) error {
		if forgetDone[j.Kind] {
			res, err := t.exec(ctx, `DELETE FROM jobs WHERE kind = ? AND job_key = ? AND lease_token = ? AND version = ?`,
				string(j.Kind), j.Key, j.LeaseToken, j.Version)
			if err != nil {
				return fmt.Errorf("drop done %s %s: %w", j.Kind, j.Key, err)
			}
			if n, err := res.RowsAffected(); err != nil || n > 0 {
				return err
			}
			// Enqueued again meanwhile, or the lease was lost: as for any kind.
		}
		return t.recordJob(ctx, j, `state = CASE WHEN version = ? THEN ? ELSE ? END,
			external_id = CASE WHEN ? <> '' THEN ? ELSE external_id END, failures = 0, last_error = '', run_at = ?`,
			j.Version, jobDone, jobQueued, externalID, externalID, toMicros(now), toMicros(now))
	})
}

// Retry schedules another try at runAt, keeping the error for organizers.
func (d *DB) Retry(ctx context.Context, j jobs.Job, runAt time.Time, lastError string, now time.Time) error {
	return d.record(ctx, j, `failures = failures + 1, last_error = ?, run_at = ?`,
		truncate(lastError), toMicros(runAt), now)
}

// Park stops retrying a job that failed permanently; it stays visible with
// its error until someone retries it by hand.
func (d *DB) Park(ctx context.Context, j jobs.Job, lastError string, now time.Time) error {
	return d.record(ctx, j, `state = CASE WHEN version = ? THEN ? ELSE ? END, failures = failures + 1, last_error = ?`,
		j.Version, jobFailed, jobQueued, truncate(lastError), now)
}

func (d *DB) record(ctx context.Context, j jobs.Job, set string, args ...any) error {
	now := args[len(args)-1].(time.Time)
	args = append(args[:len(args)-1], toMicros(now))
	return d.inTx(ctx, func(t *tx) error { return t.recordJob(ctx, j, set, args...) })
}

// recordJob sets the outcome of j; args end with the update time.
func (t *tx) recordJob(ctx context.Context, j jobs.Job, set string, args ...any) error {
	// A lost lease (the job expired and was claimed again) matches no row:
	// the newer claim owns the outcome.
	_, err := t.exec(ctx, `UPDATE jobs SET `+set+`, lease_until = 0, lease_token = '', updated_at = ?
		WHERE kind = ? AND job_key = ? AND lease_token = ?`, append(args, string(j.Kind), j.Key, j.LeaseToken)...)
	if err != nil {
		return fmt.Errorf("record %s %s: %w", j.Kind, j.Key, err)
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
