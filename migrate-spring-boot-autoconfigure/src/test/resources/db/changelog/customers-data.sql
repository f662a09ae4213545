--liquibase formatted sql
--changeset billing:seed context:dev
INSERT INTO customers (email) VALUES ('dev@example.com');
--rollback DELETE FROM customers WHERE email = 'dev@example.com';
