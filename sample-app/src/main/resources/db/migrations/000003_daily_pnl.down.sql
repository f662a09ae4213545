DROP FUNCTION open_position_count(bigint);
DROP MATERIALIZED VIEW v_daily_pnl;
