-- migrate:no-transaction
-- Built without locking writes; CREATE INDEX CONCURRENTLY cannot run in a transaction.
CREATE INDEX CONCURRENTLY idx_positions_open ON positions (account_id) WHERE status = 'open';
