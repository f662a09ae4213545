-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION touch_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.touched_at := now(); -- keep it fresh; always
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch_order();

-- +goose Down
DROP TRIGGER orders_touch ON orders;
DROP FUNCTION touch_order();
