-- Migration 2 of roadbook-server's PostgreSQL schema: sign-in attempts by "account:<email>" and
-- "address:<client address>", counted by every server sharing the database (sync/server/login_guard.h).
CREATE TABLE login_attempts (
    key    TEXT NOT NULL,
    at_ms  BIGINT NOT NULL
);
CREATE INDEX login_attempts_by_key ON login_attempts (key, at_ms);
