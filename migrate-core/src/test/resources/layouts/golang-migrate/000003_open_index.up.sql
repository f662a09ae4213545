-- migrate:no-transaction
CREATE INDEX CONCURRENTLY orders_open ON orders (touched_at) WHERE status = 'open';
