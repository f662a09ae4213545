CREATE TABLE positions (
    id          bigserial      PRIMARY KEY,
    account_id  bigint         NOT NULL REFERENCES accounts (id),
    symbol      text           NOT NULL,
    quantity    numeric(20, 8) NOT NULL,
    status      text           NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_at   timestamptz    NOT NULL DEFAULT now(),
    closed_at   timestamptz,
    closed_pnl  numeric(20, 8)
);

CREATE TABLE trades (
    id           bigserial      PRIMARY KEY,
    position_id  bigint         NOT NULL REFERENCES positions (id),
    price        numeric(20, 8) NOT NULL,
    quantity     numeric(20, 8) NOT NULL,
    created_at   timestamptz    NOT NULL DEFAULT now()
);

CREATE INDEX trades_position_id ON trades (position_id);

-- Stamp the close time once; a body with semicolons, sent whole to the server.
CREATE FUNCTION stamp_closed_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'closed' AND OLD.status <> 'closed' THEN
        NEW.closed_at := now();
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER positions_closed_at BEFORE UPDATE ON positions
    FOR EACH ROW EXECUTE FUNCTION stamp_closed_at();
