package sqlstore

// Migrations that make a sign-up leave fewer bytes at rest (issue 13).

// Migration 00070 stores a link's hash as its 32 bytes rather than 64 hex
// characters, in the table and in its primary key (about 70 bytes less per
// sign-up), and drops tokens_expires: the hourly pruning pass finds expired
// links on a read-only snapshot instead (PruneTokens), so no sign-up pays
// for an index only it reads. The hash stays hex outside this package.

const tokensColumns = `purpose TEXT NOT NULL,
	person_id       TEXT NOT NULL REFERENCES people(id),
	registration_id TEXT REFERENCES registrations(id),
	expires_at      BIGINT NOT NULL,
	used_at         BIGINT NOT NULL DEFAULT 0,
	created_at      BIGINT NOT NULL`

func tokensHashDDL(d dialect, up bool) []string {
	if d == postgresDialect {
		if up {
			return []string{`ALTER TABLE tokens ALTER COLUMN hash TYPE bytea USING decode(hash, 'hex')`, `DROP INDEX tokens_expires`}
		}
		return []string{`ALTER TABLE tokens ALTER COLUMN hash TYPE text USING encode(hash, 'hex')`,
			`CREATE INDEX tokens_expires ON tokens (expires_at)`}
	}
	// SQLite cannot change a column's type: the table is rebuilt.
	hashType, hash, indexes := "BLOB", "unhex(hash)", []string{}
	if !up {
		hashType, hash, indexes = "TEXT", "lower(hex(hash))", []string{`CREATE INDEX tokens_expires ON tokens (expires_at)`}
	}
	return append([]string{
		`CREATE TABLE tokens_rebuilt (hash ` + hashType + ` PRIMARY KEY, ` + tokensColumns + `)`,
		`INSERT INTO tokens_rebuilt (hash, purpose, person_id, registration_id, expires_at, used_at, created_at)
			SELECT ` + hash + `, purpose, person_id, registration_id, expires_at, used_at, created_at FROM tokens`,
		`DROP TABLE tokens`,
		`ALTER TABLE tokens_rebuilt RENAME TO tokens`,
		`CREATE INDEX tokens_registration ON tokens (registration_id)`,
		`CREATE INDEX tokens_person ON tokens (person_id)`,
	}, indexes...)
}

// personIndexDDL is the rest of migration 00073, on PostgreSQL: the unique
// (event_id, person_id) pair turns round to (person_id, event_id), which
// also serves every lookup by person, so registrations_person goes (about
// 40 bytes a sign-up). SQLite declared the pair in the table, where it can
// only change by rebuilding the table every mentoring row refers to, and
// keeps both; it is well under the storage target without.
func personIndexDDL(d dialect, up bool) []string {
	if d != postgresDialect {
		return nil
	}
	if up {
		return []string{`ALTER TABLE registrations DROP CONSTRAINT registrations_event_id_person_id_key`,
			`CREATE UNIQUE INDEX registrations_person_event ON registrations (person_id, event_id)`,
			`DROP INDEX registrations_person`}
	}
	return []string{`CREATE INDEX registrations_person ON registrations (person_id)`,
		`DROP INDEX registrations_person_event`,
		`ALTER TABLE registrations ADD CONSTRAINT registrations_event_id_person_id_key UNIQUE (event_id, person_id)`}
}
