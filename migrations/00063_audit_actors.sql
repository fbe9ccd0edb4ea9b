-- The audit log says what kind of actor did something (issue 8, item 7):
-- an organizer, a person about themself (or a mentor about a mentee), the
-- system (waitlist promotions), the Trello board or the command line. An
-- empty actor_id could not tell these apart. And the log is read a page at
-- a time, newest first, by keyset on (created_at, seq, id), filtered by
-- event, actor, kind of actor or action: one index per filter, each ending
-- in the paging key so a page is read in order from the index.

-- +goose Up
ALTER TABLE audit_log ADD COLUMN actor_kind TEXT NOT NULL DEFAULT 'person';
-- Backfill from what the lines say. Promotions were all automatic; an empty
-- actor on a review was the board (which Trello does not name) and on
-- 'organizer.add' the command line; else an empty actor is an erased one,
-- and nearly everything audited was an organizer's doing.
UPDATE audit_log SET actor_kind = CASE
    WHEN action = 'registration.promote' THEN 'system'
    WHEN actor_id = '' AND action = 'organizer.add' THEN 'command_line'
    WHEN actor_id = '' AND action IN ('registration.accept', 'registration.waitlist', 'registration.withdraw',
        'registration.board_move') THEN 'board'
    WHEN action = 'registration.withdraw_own' OR (actor_id <> '' AND actor_id = person_id) THEN 'person'
    WHEN actor_id = '' THEN 'organizer'
    WHEN EXISTS (SELECT 1 FROM people p WHERE p.id = audit_log.actor_id AND p.organizer) THEN 'organizer'
    ELSE 'person' END;

DROP INDEX audit_log_created;
DROP INDEX audit_log_actor;
DROP INDEX audit_log_person;
CREATE INDEX audit_log_at ON audit_log (created_at, seq, id);
CREATE INDEX audit_log_event_at ON audit_log (event_id, created_at, seq, id);
CREATE INDEX audit_log_actor_at ON audit_log (actor_id, created_at, seq, id);
CREATE INDEX audit_log_kind_at ON audit_log (actor_kind, created_at, seq, id);
CREATE INDEX audit_log_action_at ON audit_log (action, created_at, seq, id);
CREATE INDEX audit_log_person_at ON audit_log (person_id, created_at, seq, id);

-- +goose Down
DROP INDEX audit_log_person_at;
DROP INDEX audit_log_action_at;
DROP INDEX audit_log_kind_at;
DROP INDEX audit_log_actor_at;
DROP INDEX audit_log_event_at;
DROP INDEX audit_log_at;
CREATE INDEX audit_log_person ON audit_log (person_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id);
CREATE INDEX audit_log_created ON audit_log (created_at);
ALTER TABLE audit_log DROP COLUMN actor_kind;
