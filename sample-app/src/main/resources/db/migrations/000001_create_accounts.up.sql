-- Trading accounts, one per model.
CREATE TABLE accounts (
    id          bigserial      PRIMARY KEY,
    name        text           NOT NULL UNIQUE,
    currency    char(3)        NOT NULL DEFAULT 'USD',
    balance     numeric(20, 8) NOT NULL DEFAULT 0,
    created_at  timestamptz    NOT NULL DEFAULT now()
);

CREATE INDEX accounts_created_at ON accounts (created_at DESC);
