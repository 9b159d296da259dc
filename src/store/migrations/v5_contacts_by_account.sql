-- Version 5: an account's people (the deal detail's Add contact dialog lists them before anything is typed)
-- in name order from the index alone, instead of a scan of every contact and a sort. Never edit: add a
-- migration.
CREATE INDEX contacts_by_account ON contacts (account_id, name COLLATE NOCASE, id) WHERE account_id IS NOT NULL;
