CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL, domain text);
INSERT INTO accounts (id, email) VALUES (1, 'ann@example.org'), (2, 'bob@example.com');
