-- +migrate Up
CREATE TABLE orders (
    id         bigserial      PRIMARY KEY,
    status     text           NOT NULL DEFAULT 'open',
    total      numeric(12, 2) NOT NULL DEFAULT 0,
    touched_at timestamptz    NOT NULL DEFAULT now()
);
COMMENT ON TABLE orders IS 'orders; one row per basket';

-- +migrate Down
DROP TABLE orders;
