INSERT INTO notes (body) VALUES ('written by a migration');
