-- A sign-up's acceptance of its event's code of conduct: the address it
-- pointed to when accepted (organizers may change it later) and when. It goes
-- with the registration, erasure included.

-- +goose Up
CREATE TABLE coc_acceptances (
    registration_id TEXT PRIMARY KEY REFERENCES registrations(id) ON DELETE CASCADE,
    url             TEXT NOT NULL,
    accepted_at     BIGINT NOT NULL
);

-- +goose Down
DROP TABLE coc_acceptances;
