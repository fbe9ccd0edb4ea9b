-- Mentoring (issue 10): pairings, each event's contributor steps, the steps
-- a registration has done, weekly check-ins and an activity log for charts
-- and staleness. One set for SQLite and PostgreSQL: TEXT ids, BIGINT Unix
-- microsecond times, 0 for "not set". Rows about a registration go with it
-- (ON DELETE CASCADE), so erasure needs no list of mentoring tables.

-- +goose Up
-- A student (registration) paired with a mentor (registration) of the same
-- event. ended_at = 0 while the pairing is open; the partial unique index is
-- what guarantees one open pairing per student, whatever the code does.
CREATE TABLE pairings (
    id                      TEXT PRIMARY KEY,
    event_id                TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    student_registration_id TEXT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    mentor_registration_id  TEXT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    started_at              BIGINT NOT NULL,
    ended_at                BIGINT NOT NULL DEFAULT 0,
    end_reason              TEXT NOT NULL DEFAULT '',
    created_by              TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX pairings_open_student ON pairings (student_registration_id) WHERE ended_at = 0;
CREATE INDEX pairings_mentor ON pairings (mentor_registration_id, ended_at);
CREATE INDEX pairings_event ON pairings (event_id, ended_at);

-- An event's checklist, copied from the template when the event is created.
-- step_key is stable (first-change-merged completes a registration); the
-- rest is the organizers' to edit. evidence: '' | username | change | task.
-- agreement: which contribution agreement the step asks for ('' elsewhere).
CREATE TABLE event_steps (
    event_id    TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    step_key    TEXT NOT NULL,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    doc_url     TEXT NOT NULL DEFAULT '',
    optional    BOOLEAN NOT NULL DEFAULT FALSE,
    evidence    TEXT NOT NULL DEFAULT '',
    agreement   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, step_key)
);

-- A step a registration has done: the row exists while it is done.
CREATE TABLE step_progress (
    registration_id TEXT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    step_key        TEXT NOT NULL,
    done_at         BIGINT NOT NULL,
    evidence        TEXT NOT NULL DEFAULT '',
    marked_by       TEXT NOT NULL DEFAULT '',
    verified_by     TEXT NOT NULL DEFAULT '',
    verified_at     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (registration_id, step_key)
);

-- One check-in per pairing and ISO week (in the event's time zone), by key:
-- a second post for the week updates the row.
CREATE TABLE check_ins (
    id                    TEXT PRIMARY KEY,
    pairing_id            TEXT NOT NULL REFERENCES pairings(id) ON DELETE CASCADE,
    week                  TEXT NOT NULL,
    met                   BOOLEAN NOT NULL,
    state                 TEXT NOT NULL,
    notes                 TEXT NOT NULL DEFAULT '',
    next_steps            TEXT NOT NULL DEFAULT '',
    needs_organizer       BOOLEAN NOT NULL DEFAULT FALSE,
    author_id             TEXT NOT NULL DEFAULT '',
    created_at            BIGINT NOT NULL,
    updated_at            BIGINT NOT NULL,
    organizer_notified_at BIGINT NOT NULL DEFAULT 0,
    UNIQUE (pairing_id, week)
);

-- Progress as it happened: a step done or a check-in recorded, about a
-- student, in the ISO week (event's zone) it counts for. Feeds the weekly
-- chart and "days since the last progress".
CREATE TABLE activity (
    id              TEXT PRIMARY KEY,
    event_id        TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    registration_id TEXT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    step_key        TEXT NOT NULL DEFAULT '',
    week            TEXT NOT NULL,
    at              BIGINT NOT NULL
);
CREATE INDEX activity_event_week ON activity (event_id, week);
CREATE INDEX activity_registration ON activity (registration_id, at);

-- Events that exist already get the OpenStack template (workflows.OpenStackSteps;
-- a test keeps the two equal).
INSERT INTO event_steps (event_id, step_key, position, title, description, doc_url, optional, evidence, agreement)
SELECT e.id, t.step_key, t.position, t.title, t.description, t.doc_url, t.optional, t.evidence, t.agreement
FROM events e CROSS JOIN (
    SELECT 'foundation-member' AS step_key, 1 AS position, 'Join the OpenInfra Foundation' AS title,
        'Create an individual member profile with the address you will use for code. Needed to vote, not to contribute.' AS description,
        'https://openinfra.dev/join/' AS doc_url, TRUE AS optional, '' AS evidence, '' AS agreement
    UNION ALL
    SELECT 'launchpad-account', 2, 'Create an Ubuntu One / Launchpad account',
        'Ubuntu One signs you in to Launchpad and to Gerrit.',
        'https://docs.openstack.org/contributors/common/accounts.html', FALSE, '', ''
    UNION ALL
    SELECT 'irc-and-lists', 3, 'Join IRC or Matrix and the mailing lists',
        'Join your project''s channel on OFTC (or through Matrix) and subscribe to openstack-discuss.',
        'https://docs.openstack.org/contributors/common/irc.html', FALSE, '', ''
    UNION ALL
    SELECT 'git-configured', 4, 'Configure git',
        'Set user.name and user.email, with the address your Gerrit account uses.',
        'https://docs.openstack.org/contributors/common/git.html', FALSE, '', ''
    UNION ALL
    SELECT 'gerrit-account', 5, 'Gerrit account and SSH key',
        'Sign in to review.opendev.org, choose a username (it cannot change) and upload your SSH public key.',
        'https://docs.openstack.org/contributors/common/setup-gerrit.html', FALSE, 'username', ''
    UNION ALL
    SELECT 'contribution-agreement', 6, 'Sign off your commits (DCO)',
        'OpenStack requires the Developer Certificate of Origin since July 2025: commit with git commit -s, with the name and address Gerrit knows.',
        'https://docs.openstack.org/contributors/common/dco.html', FALSE, '', 'dco'
    UNION ALL
    SELECT 'git-review', 7, 'Set up git-review and try the sandbox',
        'Install git-review, run git review -s once per repository and push a change to the sandbox project.',
        'https://docs.opendev.org/opendev/infra-manual/latest/sandbox.html', FALSE, '', ''
    UNION ALL
    SELECT 'task-chosen', 8, 'Choose a bug or story',
        'Pick a task with your mentor and assign it to yourself.',
        'https://docs.openstack.org/contributors/common/task-tracking.html', FALSE, 'task', ''
    UNION ALL
    SELECT 'first-change-submitted', 9, 'Submit your first change',
        'Push your change for review with git review.',
        'https://docs.opendev.org/opendev/infra-manual/latest/developers.html', FALSE, 'change', ''
    UNION ALL
    SELECT 'first-change-merged', 10, 'First change merged',
        'Answer the reviews until the change merges.',
        'https://docs.opendev.org/opendev/infra-manual/latest/developers.html', FALSE, 'change', ''
) t;

-- +goose Down
DROP TABLE activity;
DROP TABLE check_ins;
DROP TABLE step_progress;
DROP TABLE event_steps;
DROP TABLE pairings;
