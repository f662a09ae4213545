CREATE MATERIALIZED VIEW v_daily_pnl AS
SELECT account_id,
       date(closed_at)  AS day,
       sum(closed_pnl)  AS pnl
FROM positions
WHERE status = 'closed'
GROUP BY account_id, date(closed_at);

CREATE UNIQUE INDEX v_daily_pnl_account_day ON v_daily_pnl (account_id, day);

-- A SQL-standard body: BEGIN ATOMIC ... END holds its own semicolons.
CREATE FUNCTION open_position_count(account bigint) RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM positions WHERE account_id = account AND status = 'open';
END;
