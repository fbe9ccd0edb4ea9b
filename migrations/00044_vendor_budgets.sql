-- Vendor rate budgets and locks shared by every instance on the database.
-- vendor_budgets holds one row per budget (e.g. Trello per token, Sheets
-- writes per spreadsheet), named by a hash, never by the credential itself:
-- tat is the budget's theoretical arrival time (GCRA), in Unix microseconds.
-- vendor_locks holds leases, e.g. one per spreadsheet tab while an instance
-- reads and rewrites it; a lease past expires_at is free to take, so a
-- crashed instance blocks nobody for long.

-- +goose Up
CREATE TABLE vendor_budgets (
    name TEXT PRIMARY KEY,
    tat  BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE vendor_locks (
    name       TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE vendor_locks;
DROP TABLE vendor_budgets;
