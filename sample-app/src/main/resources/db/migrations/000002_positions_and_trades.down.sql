DROP TRIGGER positions_closed_at ON positions;
DROP FUNCTION stamp_closed_at();
DROP TABLE trades;
DROP TABLE positions;
