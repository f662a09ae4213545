-- atlas:txmode none

CREATE INDEX CONCURRENTLY orders_open ON orders (touched_at) WHERE status = 'open';
