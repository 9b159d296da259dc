-- Version 2: the whole opportunity model. Never edit: add a migration.
-- Money is integer minor units with its ISO 4217 code; calendar dates are ISO text; instants are Unix
-- milliseconds UTC; ids are UUIDv7 text made on the device. Every change also goes to change_log.

CREATE TABLE organisation (
    id                   TEXT PRIMARY KEY NOT NULL,
    name                 TEXT NOT NULL,
    reporting_currency   TEXT NOT NULL CHECK (length(reporting_currency) = 3)
) STRICT;

CREATE TABLE teams (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0)
) STRICT;

CREATE TABLE users (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    email       TEXT NOT NULL,
    team_id     TEXT REFERENCES teams (id),
    role        TEXT NOT NULL CHECK (role IN ('rep', 'manager', 'admin')),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE pipelines (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    position    INTEGER NOT NULL,
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
) STRICT;

CREATE TABLE stages (
    id                      TEXT PRIMARY KEY NOT NULL,
    pipeline_id             TEXT NOT NULL REFERENCES pipelines (id),
    name                    TEXT NOT NULL CHECK (length(trim(name)) > 0),
    position                INTEGER NOT NULL,
    default_probability     INTEGER NOT NULL CHECK (default_probability BETWEEN 0 AND 100),
    forecast_category       TEXT NOT NULL
                            CHECK (forecast_category IN ('pipeline', 'best_case', 'commit', 'closed', 'omitted')),
    rot_days                INTEGER CHECK (rot_days IS NULL OR rot_days > 0),
    next_step_window_days   INTEGER NOT NULL DEFAULT 7 CHECK (next_step_window_days >= 0),
    is_won                  INTEGER NOT NULL DEFAULT 0 CHECK (is_won IN (0, 1)),
    is_lost                 INTEGER NOT NULL DEFAULT 0 CHECK (is_lost IN (0, 1)),
    CHECK (NOT (is_won AND is_lost))
) STRICT;
CREATE INDEX stages_by_pipeline ON stages (pipeline_id, position);

CREATE TABLE lost_reasons (
    id          TEXT PRIMARY KEY NOT NULL,
    label       TEXT NOT NULL CHECK (length(trim(label)) > 0),
    position    INTEGER NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- Reporting-currency units per one unit of `currency_code`, as a decimal with 9 places in an integer.
CREATE TABLE exchange_rates (
    currency_code     TEXT PRIMARY KEY NOT NULL CHECK (length(currency_code) = 3),
    rate_nanos        INTEGER NOT NULL CHECK (rate_nanos > 0),
    updated_at_ms     INTEGER NOT NULL
) STRICT;

CREATE TABLE contacts (
    id              TEXT PRIMARY KEY NOT NULL,
    account_id      TEXT REFERENCES accounts (id),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    email           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    job_title       TEXT NOT NULL DEFAULT '',
    created_at_ms   INTEGER NOT NULL,
    updated_at_ms   INTEGER NOT NULL
) STRICT;
CREATE INDEX contacts_by_email ON contacts (email COLLATE NOCASE) WHERE email != '';
CREATE INDEX contacts_by_name ON contacts (name COLLATE NOCASE);

-- The opportunities table of version 1 is rebuilt with every field of the model. Deals that existed go
-- into the first stage of a default pipeline created below, so nothing a rep entered is lost.
CREATE TABLE opportunities_v2 (
    id                           TEXT PRIMARY KEY NOT NULL,
    name                         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    account_id                   TEXT REFERENCES accounts (id),
    primary_contact_id           TEXT REFERENCES contacts (id),
    pipeline_id                  TEXT NOT NULL REFERENCES pipelines (id),
    stage_id                     TEXT NOT NULL REFERENCES stages (id),
    owner_id                     TEXT REFERENCES users (id),
    amount_minor                 INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency_code                TEXT NOT NULL CHECK (length(currency_code) = 3),
    probability_override         INTEGER CHECK (probability_override BETWEEN 0 AND 100),
    forecast_category_override   TEXT CHECK (forecast_category_override IN
                                     ('pipeline', 'best_case', 'commit', 'closed', 'omitted')),
    expected_close_date          TEXT NOT NULL
                                 CHECK (expected_close_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    source                       TEXT NOT NULL DEFAULT '',
    priority                     INTEGER NOT NULL DEFAULT 1 CHECK (priority BETWEEN 0 AND 3),
    tags                         TEXT NOT NULL DEFAULT '',   -- comma-separated, each trimmed, no empties
    needs                        TEXT NOT NULL DEFAULT '',
    status                       TEXT NOT NULL DEFAULT 'open'
                                 CHECK (status IN ('open', 'won', 'lost', 'postponed', 'archived')),
    closed_date                  TEXT,
    lost_reason_id               TEXT REFERENCES lost_reasons (id),
    lost_note                    TEXT NOT NULL DEFAULT '',
    postponed_until              TEXT,
    postponed_reason             TEXT NOT NULL DEFAULT '',
    no_next_step_reason          TEXT NOT NULL DEFAULT '',
    stage_entered_at_ms          INTEGER NOT NULL,
    last_touch_at_ms             INTEGER NOT NULL,
    close_date_push_count        INTEGER NOT NULL DEFAULT 0,
    created_at_ms                INTEGER NOT NULL,
    updated_at_ms                INTEGER NOT NULL,
    CHECK (status != 'lost' OR lost_reason_id IS NOT NULL),
    CHECK (status != 'postponed' OR postponed_until IS NOT NULL)
) STRICT;

-- A default pipeline so existing and new deals always have a stage. Admins rename and reshape it.
INSERT INTO pipelines (id, name, position) VALUES ('00000000-0000-7000-8000-000000000001', 'Sales', 0);
INSERT INTO stages (id, pipeline_id, name, position, default_probability, forecast_category, rot_days,
                    next_step_window_days, is_won, is_lost) VALUES
    ('00000000-0000-7000-8000-000000000101', '00000000-0000-7000-8000-000000000001', 'Qualification', 0, 10, 'pipeline', 14, 7, 0, 0),
    ('00000000-0000-7000-8000-000000000102', '00000000-0000-7000-8000-000000000001', 'Needs analysis', 1, 25, 'pipeline', 14, 7, 0, 0),
    ('00000000-0000-7000-8000-000000000103', '00000000-0000-7000-8000-000000000001', 'Proposal', 2, 50, 'best_case', 10, 5, 0, 0),
    ('00000000-0000-7000-8000-000000000104', '00000000-0000-7000-8000-000000000001', 'Negotiation', 3, 75, 'commit', 7, 3, 0, 0),
    ('00000000-0000-7000-8000-000000000105', '00000000-0000-7000-8000-000000000001', 'Won', 4, 100, 'closed', NULL, 0, 1, 0),
    ('00000000-0000-7000-8000-000000000106', '00000000-0000-7000-8000-000000000001', 'Lost', 5, 0, 'omitted', NULL, 0, 0, 1);
INSERT INTO lost_reasons (id, label, position) VALUES
    ('00000000-0000-7000-8000-000000000201', 'Price', 0),
    ('00000000-0000-7000-8000-000000000202', 'Chose a competitor', 1),
    ('00000000-0000-7000-8000-000000000203', 'No budget', 2),
    ('00000000-0000-7000-8000-000000000204', 'No decision', 3),
    ('00000000-0000-7000-8000-000000000205', 'Timing', 4);
INSERT INTO organisation (id, name, reporting_currency) VALUES ('00000000-0000-7000-8000-000000000301', 'My organisation', 'EUR');

INSERT INTO opportunities_v2 (id, name, account_id, pipeline_id, stage_id, amount_minor, currency_code,
                              expected_close_date, status, stage_entered_at_ms, last_touch_at_ms, created_at_ms,
                              updated_at_ms)
    SELECT id, name, account_id, '00000000-0000-7000-8000-000000000001', '00000000-0000-7000-8000-000000000101',
           amount_minor, currency_code, expected_close_date, 'open', created_at_ms, updated_at_ms, created_at_ms,
           updated_at_ms
    FROM opportunities;
DROP TABLE opportunities;
ALTER TABLE opportunities_v2 RENAME TO opportunities;
CREATE INDEX opportunities_by_stage ON opportunities (pipeline_id, status, stage_id);
CREATE INDEX opportunities_by_close_date ON opportunities (status, expected_close_date);
CREATE INDEX opportunities_by_owner ON opportunities (owner_id, status);
CREATE INDEX opportunities_by_account ON opportunities (account_id);

CREATE TABLE opportunity_contacts (
    opportunity_id   TEXT NOT NULL REFERENCES opportunities (id),
    contact_id       TEXT NOT NULL REFERENCES contacts (id),
    role             TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (opportunity_id, contact_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE leads (
    id                          TEXT PRIMARY KEY NOT NULL,
    name                        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    company                     TEXT NOT NULL DEFAULT '',
    email                       TEXT NOT NULL DEFAULT '',
    phone                       TEXT NOT NULL DEFAULT '',
    source                      TEXT NOT NULL DEFAULT '',
    owner_id                    TEXT REFERENCES users (id),
    status                      TEXT NOT NULL DEFAULT 'new'
                                CHECK (status IN ('new', 'working', 'qualified', 'disqualified', 'converted')),
    has_budget                  INTEGER NOT NULL DEFAULT 0 CHECK (has_budget IN (0, 1)),
    has_authority               INTEGER NOT NULL DEFAULT 0 CHECK (has_authority IN (0, 1)),
    has_need                    INTEGER NOT NULL DEFAULT 0 CHECK (has_need IN (0, 1)),
    has_timing                  INTEGER NOT NULL DEFAULT 0 CHECK (has_timing IN (0, 1)),
    disqualify_reason           TEXT NOT NULL DEFAULT '',
    converted_opportunity_id    TEXT REFERENCES opportunities (id),
    created_at_ms               INTEGER NOT NULL,
    updated_at_ms               INTEGER NOT NULL
) STRICT;
CREATE INDEX leads_by_status ON leads (status, created_at_ms);

CREATE TABLE activities (
    id                 TEXT PRIMARY KEY NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'task', 'email', 'note')),
    subject            TEXT NOT NULL CHECK (length(trim(subject)) > 0),
    notes              TEXT NOT NULL DEFAULT '',
    opportunity_id     TEXT REFERENCES opportunities (id),
    contact_id         TEXT REFERENCES contacts (id),
    lead_id            TEXT REFERENCES leads (id),
    owner_id           TEXT REFERENCES users (id),
    due_date           TEXT,            -- scheduled tasks and meetings; NULL for logged interactions
    state              TEXT NOT NULL CHECK (state IN ('scheduled', 'done', 'cancelled')),
    outcome            TEXT NOT NULL DEFAULT '',
    done_at_ms         INTEGER,
    created_at_ms      INTEGER NOT NULL,
    updated_at_ms      INTEGER NOT NULL
) STRICT;
CREATE INDEX activities_scheduled_by_due ON activities (state, due_date) WHERE state = 'scheduled';
CREATE INDEX activities_by_opportunity ON activities (opportunity_id, state, due_date);

-- Hybrid logical clock of each change (empty for changes made before version 2); the sync outbox order.
ALTER TABLE change_log ADD COLUMN clock TEXT NOT NULL DEFAULT '';
CREATE INDEX change_log_by_field ON change_log (entity, field, entity_id);

-- Search: one FTS5 row per searchable record, kept current by triggers in the same transaction. FTS5
-- rowids come from search_documents (an INTEGER PRIMARY KEY survives VACUUM, unlike implicit rowids), so
-- updates find their row by rowid instead of scanning. The index holds text folded by
-- roadbook_search_fold() (registered by the store on every connection: "Łódź" -> "Lodz") and
-- remove_diacritics 2 does the rest, so "lodz" finds "Łódź" and "mull" finds "Müller"; search_documents
-- keeps the original text for display. The prefix indexes make prefix queries fast.
CREATE TABLE search_documents (
    document_id   INTEGER PRIMARY KEY,
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    title         TEXT NOT NULL,
    detail        TEXT NOT NULL,
    UNIQUE (entity, entity_id)
) STRICT;
CREATE VIRTUAL TABLE search_index USING fts5 (
    title, detail, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER search_opportunity_insert AFTER INSERT ON opportunities BEGIN
    INSERT INTO search_documents (entity, entity_id, title, detail) VALUES ('opportunity', new.id, new.name, new.needs);
    INSERT INTO search_index (rowid, title, detail)
        VALUES (last_insert_rowid(), roadbook_search_fold(new.name), roadbook_search_fold(new.needs));
END;
CREATE TRIGGER search_opportunity_update AFTER UPDATE OF name, needs ON opportunities BEGIN
    UPDATE search_documents SET title = new.name, detail = new.needs WHERE entity = 'opportunity' AND entity_id = new.id;
    UPDATE search_index SET title = roadbook_search_fold(new.name), detail = roadbook_search_fold(new.needs)
        WHERE rowid = (SELECT document_id FROM search_documents WHERE entity = 'opportunity' AND entity_id = new.id);
END;
CREATE TRIGGER search_account_insert AFTER INSERT ON accounts BEGIN
    INSERT INTO search_documents (entity, entity_id, title, detail) VALUES ('account', new.id, new.name, '');
    INSERT INTO search_index (rowid, title, detail)
        VALUES (last_insert_rowid(), roadbook_search_fold(new.name), roadbook_search_fold(''));
END;
CREATE TRIGGER search_account_update AFTER UPDATE OF name ON accounts BEGIN
    UPDATE search_documents SET title = new.name, detail = '' WHERE entity = 'account' AND entity_id = new.id;
    UPDATE search_index SET title = roadbook_search_fold(new.name), detail = roadbook_search_fold('')
        WHERE rowid = (SELECT document_id FROM search_documents WHERE entity = 'account' AND entity_id = new.id);
END;
CREATE TRIGGER search_contact_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO search_documents (entity, entity_id, title, detail) VALUES ('contact', new.id, new.name, new.email);
    INSERT INTO search_index (rowid, title, detail)
        VALUES (last_insert_rowid(), roadbook_search_fold(new.name), roadbook_search_fold(new.email));
END;
CREATE TRIGGER search_contact_update AFTER UPDATE OF name, email ON contacts BEGIN
    UPDATE search_documents SET title = new.name, detail = new.email WHERE entity = 'contact' AND entity_id = new.id;
    UPDATE search_index SET title = roadbook_search_fold(new.name), detail = roadbook_search_fold(new.email)
        WHERE rowid = (SELECT document_id FROM search_documents WHERE entity = 'contact' AND entity_id = new.id);
END;
CREATE TRIGGER search_activity_insert AFTER INSERT ON activities WHEN new.notes != '' BEGIN
    INSERT INTO search_documents (entity, entity_id, title, detail) VALUES ('activity', new.id, new.subject, new.notes);
    INSERT INTO search_index (rowid, title, detail)
        VALUES (last_insert_rowid(), roadbook_search_fold(new.subject), roadbook_search_fold(new.notes));
END;
INSERT INTO search_documents (entity, entity_id, title, detail) SELECT 'opportunity', id, name, needs FROM opportunities;
INSERT INTO search_documents (entity, entity_id, title, detail) SELECT 'account', id, name, '' FROM accounts;
INSERT INTO search_index (rowid, title, detail)
    SELECT document_id, roadbook_search_fold(title), roadbook_search_fold(detail) FROM search_documents;
