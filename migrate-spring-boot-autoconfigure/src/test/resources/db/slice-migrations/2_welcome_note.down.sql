DELETE FROM notes WHERE body = 'written by a migration';
