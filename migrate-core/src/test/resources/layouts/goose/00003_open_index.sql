-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY orders_open ON orders (touched_at) WHERE status = 'open';

-- +goose Down
DROP INDEX CONCURRENTLY orders_open;
