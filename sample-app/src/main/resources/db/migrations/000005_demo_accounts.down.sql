DELETE FROM positions WHERE account_id IN (SELECT id FROM accounts WHERE name IN ('momentum', 'mean-reversion'));
DELETE FROM accounts WHERE name IN ('momentum', 'mean-reversion');
