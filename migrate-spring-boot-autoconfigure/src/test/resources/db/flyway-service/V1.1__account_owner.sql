COMMENT ON TABLE accounts IS 'owned by ${owner}';
