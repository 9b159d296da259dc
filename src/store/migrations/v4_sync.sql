-- Version 4: what the device needs to sync (sync/PROTOCOL.md). Never edit: add a migration.
-- A change-log row is either made here ('local', the sync outbox: its sequence is the mutation id) or
-- pulled from the server ('remote', field history only, never pushed back).
ALTER TABLE change_log ADD COLUMN origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'remote'));
-- Pending fields: the local changes the server has not acknowledged yet, found by field.
CREATE INDEX change_log_local_by_field ON change_log (entity, entity_id, field, sequence) WHERE origin = 'local';

-- One row: this device's sync identity and progress. client_id changes with every incarnation (a restore
-- from a backup or a lost store), so the server never mistakes new changes for ones it has already seen.
CREATE TABLE sync_state (
    singleton               INTEGER PRIMARY KEY CHECK (singleton = 1),
    client_id               TEXT NOT NULL,
    server_url              TEXT NOT NULL DEFAULT '',
    token                   TEXT NOT NULL DEFAULT '',
    user_id                 TEXT NOT NULL DEFAULT '',
    user_name               TEXT NOT NULL DEFAULT '',
    user_email              TEXT NOT NULL DEFAULT '',
    user_role               TEXT NOT NULL DEFAULT '',
    organisation_id         TEXT NOT NULL DEFAULT '',
    organisation_name       TEXT NOT NULL DEFAULT '',
    cursor                  INTEGER NOT NULL DEFAULT 0,
    acknowledged_sequence   INTEGER NOT NULL DEFAULT 0,
    last_synced_at_ms       INTEGER NOT NULL DEFAULT 0,
    last_error              TEXT NOT NULL DEFAULT ''
) STRICT;

-- Record generations as the server last sent them: a delete and a restore start a new generation, and a
-- change made against an older one is stale.
-- During a reset (the server collected tombstones this device never saw) every row is marked unseen; the full
-- pull marks what the server still has, and what stays unseen was deleted there.
CREATE TABLE sync_generations (
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    generation   INTEGER NOT NULL,
    seen         INTEGER NOT NULL DEFAULT 1 CHECK (seen IN (0, 1)),
    PRIMARY KEY (entity, entity_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX sync_generations_unseen ON sync_generations (entity, entity_id) WHERE seen = 0;

-- The conflict inbox: concurrent edits of the fields people care about, by different people.
CREATE TABLE sync_conflicts (
    id              INTEGER PRIMARY KEY,
    entity          TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    field           TEXT NOT NULL,
    base_value      TEXT,
    mine_value      TEXT,
    theirs_value    TEXT,
    theirs_by       TEXT NOT NULL,
    winner          TEXT NOT NULL CHECK (winner IN ('mine', 'theirs')),
    detected_at_ms  INTEGER NOT NULL,
    resolved        INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1))
) STRICT;

-- Permanent rejections the server reported, so the pending list can say why a change did not travel.
CREATE TABLE sync_rejections (
    sequence     INTEGER PRIMARY KEY,
    code         TEXT NOT NULL,
    message      TEXT NOT NULL
) STRICT;
