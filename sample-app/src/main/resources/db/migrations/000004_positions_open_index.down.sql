-- migrate:no-transaction
DROP INDEX CONCURRENTLY idx_positions_open;
