CREATE INDEX notes_by_account ON notes (account_id, created_at);
