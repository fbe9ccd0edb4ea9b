-- A sent email's job row went on recording what its email record holds (the
-- provider ID, status and time): done mail.send jobs are now deleted as they
-- complete (sqlstore.Complete); this drops those left from before.

-- +goose Up
DELETE FROM jobs WHERE kind = 'mail.send' AND state = 'done';

-- +goose Down
SELECT 1;
