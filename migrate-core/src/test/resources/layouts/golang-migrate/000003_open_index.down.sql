-- migrate:no-transaction
DROP INDEX CONCURRENTLY orders_open;
