CREATE TABLE accounts (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, plan text NOT NULL DEFAULT 'free');
INSERT INTO accounts (email) VALUES ('ops@example.org');
