INSERT INTO accounts (name, currency, balance) VALUES
    ('momentum', 'USD', 10000),
    ('mean-reversion', 'EUR', 25000);

INSERT INTO positions (account_id, symbol, quantity)
SELECT id, 'BTC-USD', 0.5 FROM accounts WHERE name = 'momentum';
