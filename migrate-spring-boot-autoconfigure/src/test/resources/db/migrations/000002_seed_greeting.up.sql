INSERT INTO greetings VALUES (1, 'hello');
