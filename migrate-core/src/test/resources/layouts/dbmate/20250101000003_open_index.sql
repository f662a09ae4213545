-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY orders_open ON orders (touched_at) WHERE status = 'open';

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY orders_open;
