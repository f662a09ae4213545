CREATE OR REPLACE VIEW paying_accounts AS SELECT id, email FROM accounts WHERE plan <> 'free';
