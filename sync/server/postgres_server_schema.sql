-- roadbook-server's PostgreSQL store, migration 1: the same tables as the SQLite store. Every organisation's
-- data is keyed by organisation_id and every query filters on it first. Integers stay integers (0/1 flags)
-- so the two stores answer the same SQL the same way.
CREATE TABLE organisations (
    id                 TEXT PRIMARY KEY,
    name               TEXT NOT NULL UNIQUE,
    -- Locked FOR UPDATE by every write transaction of the organisation: versions are handed out one
    -- writer at a time, so they are in commit order and "everything after version N" skips nothing.
    version            BIGINT NOT NULL DEFAULT 0,
    collected_version  BIGINT NOT NULL DEFAULT 0,
    created_at_ms      BIGINT NOT NULL
);

CREATE TABLE teams (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    id               TEXT NOT NULL,
    name             TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id),
    UNIQUE (organisation_id, name)
);

CREATE TABLE users (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    email            TEXT NOT NULL,
    name             TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('rep', 'manager', 'admin')),
    team_id          TEXT NOT NULL DEFAULT '',
    password_hash    TEXT NOT NULL,
    active           INTEGER NOT NULL DEFAULT 1
);
-- Emails are unique whatever their case, as in the SQLite store's COLLATE NOCASE.
CREATE UNIQUE INDEX users_by_email ON users (lower(email));

CREATE TABLE user_teams (
    user_id   TEXT NOT NULL REFERENCES users (id),
    team_id   TEXT NOT NULL,
    PRIMARY KEY (user_id, team_id)
);

-- Bearer tokens by their BLAKE2b hash: a stolen database holds no usable token.
CREATE TABLE tokens (
    token_hash       TEXT PRIMARY KEY,
    user_id          TEXT NOT NULL REFERENCES users (id),
    organisation_id  TEXT NOT NULL,
    expires_at_ms    BIGINT NOT NULL,
    revoked          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tokens_by_user ON tokens (user_id);

CREATE TABLE clients (
    organisation_id     TEXT NOT NULL,
    client_id           TEXT NOT NULL,
    user_id             TEXT NOT NULL,
    last_mutation_id    BIGINT NOT NULL DEFAULT 0,
    last_clock          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (organisation_id, client_id)
);

CREATE TABLE records (
    organisation_id  TEXT NOT NULL,
    entity           TEXT NOT NULL,
    entity_id        TEXT NOT NULL,
    generation       BIGINT NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0,
    deleted_at_ms    BIGINT NOT NULL DEFAULT 0,
    team_id          TEXT NOT NULL DEFAULT '',
    parent_id        TEXT NOT NULL DEFAULT '',
    created_by       TEXT NOT NULL DEFAULT '',
    version          BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, entity, entity_id)
);
CREATE INDEX records_by_version ON records (organisation_id, version);
CREATE INDEX records_by_parent ON records (organisation_id, parent_id) WHERE parent_id <> '';

CREATE TABLE fields (
    organisation_id  TEXT NOT NULL,
    entity           TEXT NOT NULL,
    entity_id        TEXT NOT NULL,
    field            TEXT NOT NULL,
    value            TEXT,
    clock            TEXT NOT NULL,
    changed_by       TEXT NOT NULL,
    version          BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, entity, entity_id, field)
);
CREATE INDEX fields_by_version ON fields (organisation_id, version);

CREATE TABLE scope_moves (
    organisation_id  TEXT NOT NULL,
    version          BIGINT NOT NULL,
    entity           TEXT NOT NULL,
    entity_id        TEXT NOT NULL,
    from_team        TEXT NOT NULL,
    to_team          TEXT NOT NULL
);
CREATE INDEX scope_moves_by_version ON scope_moves (organisation_id, version);

CREATE TABLE conflicts (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
    at_ms            BIGINT NOT NULL
);

CREATE TABLE rejections (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id  TEXT NOT NULL,
    client_id        TEXT NOT NULL,
    mutation_id      BIGINT NOT NULL,
    code             TEXT NOT NULL,
    message          TEXT NOT NULL,
    at_ms            BIGINT NOT NULL
);
