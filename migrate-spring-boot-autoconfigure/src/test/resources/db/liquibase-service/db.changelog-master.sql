--liquibase formatted sql logicalFilePath:db/changelog/db.changelog-master.sql

--changeset billing:1
CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric(12, 2) NOT NULL);
--rollback DROP TABLE invoices;

--changeset billing:2 context:test
INSERT INTO invoices VALUES (1, 10.00);

--changeset billing:3 runOnChange:true
CREATE OR REPLACE VIEW invoice_totals AS SELECT sum(total) AS total FROM invoices;
