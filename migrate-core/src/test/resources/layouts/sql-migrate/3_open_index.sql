-- +migrate Up notransaction
CREATE INDEX CONCURRENTLY orders_open ON orders (touched_at) WHERE status = 'open';

-- +migrate Down notransaction
DROP INDEX CONCURRENTLY orders_open;
