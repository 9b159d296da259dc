-- roadbook-server's SQLite store (one file under --data-dir, WAL). Every organisation's data is keyed by
-- organisation_id, and every query filters on it first: no request can reach another organisation's rows.
CREATE TABLE IF NOT EXISTS organisations (
    id                 TEXT PRIMARY KEY NOT NULL,
    name               TEXT NOT NULL UNIQUE,
    version            INTEGER NOT NULL DEFAULT 0,
    collected_version  INTEGER NOT NULL DEFAULT 0,
    created_at_ms      INTEGER NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS teams (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    id               TEXT NOT NULL,
    name             TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id),
    UNIQUE (organisation_id, name)
) STRICT;

CREATE TABLE IF NOT EXISTS users (
    id               TEXT PRIMARY KEY NOT NULL,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    email            TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name             TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('rep', 'manager', 'admin')),
    team_id          TEXT NOT NULL DEFAULT '',
    password_hash    TEXT NOT NULL,
    active           INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE IF NOT EXISTS user_teams (
    user_id   TEXT NOT NULL REFERENCES users (id),
    team_id   TEXT NOT NULL,
    PRIMARY KEY (user_id, team_id)
) STRICT, WITHOUT ROWID;

-- Bearer tokens by their BLAKE2b hash: a stolen database file holds no usable token.
CREATE TABLE IF NOT EXISTS tokens (
    token_hash       TEXT PRIMARY KEY NOT NULL,
    user_id          TEXT NOT NULL REFERENCES users (id),
    organisation_id  TEXT NOT NULL,
    expires_at_ms    INTEGER NOT NULL,
    revoked          INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX IF NOT EXISTS tokens_by_user ON tokens (user_id);

CREATE TABLE IF NOT EXISTS clients (
    organisation_id     TEXT NOT NULL,
    client_id           TEXT NOT NULL,
    user_id             TEXT NOT NULL,
    last_mutation_id    INTEGER NOT NULL DEFAULT 0,
    last_clock          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (organisation_id, client_id)
) STRICT;

CREATE TABLE IF NOT EXISTS records (
    organisation_id  TEXT NOT NULL,
    entity           TEXT NOT NULL,
    entity_id        TEXT NOT NULL,
    generation       INTEGER NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0,
    deleted_at_ms    INTEGER NOT NULL DEFAULT 0,
    team_id          TEXT NOT NULL DEFAULT '',
    parent_id        TEXT NOT NULL DEFAULT '',
    created_by       TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, entity, entity_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS records_by_version ON records (organisation_id, version);
CREATE INDEX IF NOT EXISTS records_by_parent ON records (organisation_id, parent_id) WHERE parent_id != '';

CREATE TABLE IF NOT EXISTS fields (
    organisation_id  TEXT NOT NULL,
    entity           TEXT NOT NULL,
    entity_id        TEXT NOT NULL,
    field            TEXT NOT NULL,
    value            TEXT,
    clock            TEXT NOT NULL,
    changed_by       TEXT NOT NULL,
    version          INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, entity, entity_id, field)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fields_by_version ON fields (organisation_id, version);

CREATE TABLE IF NOT EXISTS scope_moves (
    organisation_id  TEXT NOT NULL,
    version          INTEGER NOT NULL,
    entity           TEXT NOT NULL,
    entity_id        TEXT NOT NULL,
    from_team        TEXT NOT NULL,
    to_team          TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS scope_moves_by_version ON scope_moves (organisation_id, version);

CREATE TABLE IF NOT EXISTS conflicts (
    id               INTEGER PRIMARY KEY,
    organisation_id  TEXT NOT NULL,
    entity           TEXT NOT NULL,
    entity_id        TEXT NOT NULL,
    field            TEXT NOT NULL,
    losing_value     TEXT,
    losing_clock     TEXT NOT NULL,
    losing_user      TEXT NOT NULL,
    winning_value    TEXT,
    winning_clock    TEXT NOT NULL,
    winning_user     TEXT NOT NULL,
    at_ms            INTEGER NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS rejections (
    id               INTEGER PRIMARY KEY,
    organisation_id  TEXT NOT NULL,
    client_id        TEXT NOT NULL,
    mutation_id      INTEGER NOT NULL,
    code             TEXT NOT NULL,
    message          TEXT NOT NULL,
    at_ms            INTEGER NOT NULL
) STRICT;

-- Sign-in attempts by "account:<email>" and "address:<client address>", counted for the limits in
-- sync/server/login_guard.h and pruned by the server's maintenance.
CREATE TABLE IF NOT EXISTS login_attempts (
    key    TEXT NOT NULL,
    at_ms  INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS login_attempts_by_key ON login_attempts (key, at_ms);
