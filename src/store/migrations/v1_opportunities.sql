-- Version 1: accounts, opportunities and the change log (the first screen). Never edit: add a migration.
CREATE TABLE accounts (
    id              TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    created_at_ms   INTEGER NOT NULL,
    updated_at_ms   INTEGER NOT NULL
) STRICT;
CREATE INDEX accounts_by_name ON accounts (name COLLATE NOCASE);

CREATE TABLE opportunities (
    id                   TEXT PRIMARY KEY NOT NULL,
    name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
    account_id           TEXT REFERENCES accounts (id),
    amount_minor         INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency_code        TEXT NOT NULL CHECK (length(currency_code) = 3),
    expected_close_date  TEXT NOT NULL CHECK (expected_close_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status               TEXT NOT NULL DEFAULT 'open'
                         CHECK (status IN ('open', 'won', 'lost', 'postponed', 'archived')),
    created_at_ms        INTEGER NOT NULL,
    updated_at_ms        INTEGER NOT NULL
) STRICT;
CREATE INDEX opportunities_by_close_date ON opportunities (status, expected_close_date);

CREATE TABLE change_log (
    sequence     INTEGER PRIMARY KEY AUTOINCREMENT,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    field        TEXT NOT NULL,
    old_value    TEXT,
    new_value    TEXT,
    actor        TEXT NOT NULL,
    at_ms        INTEGER NOT NULL
) STRICT;
CREATE INDEX change_log_by_entity ON change_log (entity, entity_id, sequence);
