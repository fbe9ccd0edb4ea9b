package sqlstore

import (
	"context"

	"registrar/workflows"
)

// Counting an event's registrations by role and status walked every one of
// them (about 6 ms for 10,000, on every page of the admin list). Migration
// 00043 keeps the counts in registration_counts instead, maintained by
// triggers so that every way a registration is added, changes status or is
// deleted counts, whoever writes it. On PostgreSQL each count is spread over
// eight rows (shard = a hash of the registration ID), so concurrent sign-ups
// to one event do not queue behind one row's lock; a shard may go below zero
// (rows counted before the triggers sit in shard 0), the sum is what counts.
// SQLite has one writer, so one row is enough.

const registrationCountsTable = `CREATE TABLE registration_counts (
	event_id TEXT NOT NULL,
	role     TEXT NOT NULL,
	status   TEXT NOT NULL,
	shard    INTEGER NOT NULL,
	n        BIGINT NOT NULL,
	PRIMARY KEY (event_id, role, status, shard))`

const registrationCountsFill = `INSERT INTO registration_counts (event_id, role, status, shard, n)
	SELECT event_id, role, status, 0, COUNT(*) FROM registrations GROUP BY event_id, role, status`

// listIndexes are migration 00043's indexes for the admin list's other sort
// orders (sign-up order has registrations_event_created, name has
// registrations_event_name).
func listIndexes() []string {
	return []string{
		`CREATE INDEX registrations_event_confirmed ON registrations (event_id, confirmed_at, id)`,
		`CREATE INDEX registrations_event_status ON registrations (event_id, status, created_at, id)`,
	}
}

func registrationCountsDDL(d dialect, up bool) []string {
	if !up {
		down := []string{`DROP INDEX registrations_event_status`, `DROP INDEX registrations_event_confirmed`}
		if d == postgresDialect {
			return append(down, `DROP TABLE registration_counts`, `DROP FUNCTION registration_counts_track() CASCADE`)
		}
		return append(down, `DROP TRIGGER registration_counts_insert`, `DROP TRIGGER registration_counts_update`,
			`DROP TRIGGER registration_counts_delete`, `DROP TABLE registration_counts`)
	}
	out := append([]string{registrationCountsTable, registrationCountsFill}, listIndexes()...)
	if d == postgresDialect {
		return append(out, `CREATE FUNCTION registration_counts_track() RETURNS trigger LANGUAGE plpgsql AS `+countsByRegistration,
			`CREATE TRIGGER registration_counts_insert_delete AFTER INSERT OR DELETE ON registrations
				FOR EACH ROW EXECUTE FUNCTION registration_counts_track()`,
			`CREATE TRIGGER registration_counts_update AFTER UPDATE OF event_id, role, status ON registrations
				FOR EACH ROW WHEN (OLD.event_id IS DISTINCT FROM NEW.event_id OR OLD.role IS DISTINCT FROM NEW.role
				OR OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION registration_counts_track()`)
	}
	const add = `INSERT INTO registration_counts (event_id, role, status, shard, n) VALUES (NEW.event_id, NEW.role, NEW.status, 0, 1)
		ON CONFLICT (event_id, role, status, shard) DO UPDATE SET n = n + 1;`
	const remove = `UPDATE registration_counts SET n = n - 1
		WHERE event_id = OLD.event_id AND role = OLD.role AND status = OLD.status AND shard = 0;`
	return append(out,
		`CREATE TRIGGER registration_counts_insert AFTER INSERT ON registrations BEGIN `+add+` END`,
		`CREATE TRIGGER registration_counts_delete AFTER DELETE ON registrations BEGIN `+remove+` END`,
		`CREATE TRIGGER registration_counts_update AFTER UPDATE OF event_id, role, status ON registrations
			WHEN OLD.event_id IS NOT NEW.event_id OR OLD.role IS NOT NEW.role OR OLD.status IS NOT NEW.status
			BEGIN `+remove+` `+add+` END`)
}

// EventCounts counts an event's registrations by role and status from the
// few rows of registration_counts.
func (t *tx) EventCounts(ctx context.Context, eventID string) ([]workflows.RegistrationCount, error) {
	return t.registrationCounts(ctx, "WHERE event_id = ?", eventID)
}

// countsByRegistration is 00043's trigger body on PostgreSQL: the shard is a
// hash of the registration's ID.
const countsByRegistration = `$$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		UPDATE registration_counts SET n = n - 1 WHERE event_id = OLD.event_id AND role = OLD.role
			AND status = OLD.status AND shard = (hashtext(OLD.id) & 7);
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		INSERT INTO registration_counts (event_id, role, status, shard, n)
			VALUES (NEW.event_id, NEW.role, NEW.status, hashtext(NEW.id) & 7, 1)
			ON CONFLICT (event_id, role, status, shard) DO UPDATE SET n = registration_counts.n + 1;
	END IF;
	RETURN NULL;
END $$`

// countsByConnection is 00074's: the shard is the database connection's
// (one of 64, by its process ID), so concurrent sign-ups to one event, each
// on its own connection, never wait for one another's count row until
// commit. Under load the hashed shards of 00043 collided often enough that
// the count's upsert took 4 of the 4.7 ms of an INSERT INTO registrations.
// A count taken away upserts too: the connection's shard may hold no row
// yet, and goes below zero; the sum is what counts.
const countsByConnection = `$$
DECLARE
	s integer := pg_backend_pid() % 64;
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		INSERT INTO registration_counts (event_id, role, status, shard, n)
			VALUES (OLD.event_id, OLD.role, OLD.status, s, -1)
			ON CONFLICT (event_id, role, status, shard) DO UPDATE SET n = registration_counts.n - 1;
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		INSERT INTO registration_counts (event_id, role, status, shard, n)
			VALUES (NEW.event_id, NEW.role, NEW.status, s, 1)
			ON CONFLICT (event_id, role, status, shard) DO UPDATE SET n = registration_counts.n + 1;
	END IF;
	RETURN NULL;
END $$`

// countShardsDDL is migration 00074: PostgreSQL's counts shard by
// connection (SQLite has one writer and one shard).
func countShardsDDL(d dialect, up bool) []string {
	if d != postgresDialect {
		return nil
	}
	body := countsByConnection
	if !up {
		body = countsByRegistration
	}
	return []string{`CREATE OR REPLACE FUNCTION registration_counts_track() RETURNS trigger LANGUAGE plpgsql AS ` + body}
}
