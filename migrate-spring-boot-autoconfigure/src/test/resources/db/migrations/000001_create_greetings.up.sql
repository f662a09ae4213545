CREATE TABLE greetings (id bigint PRIMARY KEY, text text NOT NULL);
