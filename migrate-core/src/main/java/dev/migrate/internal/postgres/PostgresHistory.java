package dev.migrate.internal.postgres;

import dev.migrate.AppliedMigration;
import dev.migrate.HistoryTableException;
import dev.migrate.Version;
import dev.migrate.spi.HistoryStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The history table: one row per applied migration. Without a schema, the table is found through the
 * connection's {@code search_path} and created in its first schema, as golang-migrate does.
 */
public final class PostgresHistory implements HistoryStore {

    private static final String COLUMNS = "version, dirty, description, checksum, applied_at, execution_ms, applied_by";

    private final String schema;
    private final String table;
    private final String qualified;

    /** @param schema the schema, or {@code null} for the connection's current schema */
    public PostgresHistory(String schema, String table) {
        this.schema = schema;
        this.table = table;
        this.qualified = (schema == null ? "" : Identifiers.quote(schema) + ".") + Identifiers.quote(table);
    }

    @Override
    public String name() {
        return schema == null ? table : schema + "." + table;
    }

    @Override
    public Optional<List<AppliedMigration>> applied(Connection connection) throws SQLException {
        // Asked first, so that a first run does not leave "relation does not exist" errors in the server's log.
        if (!exists(connection)) {
            return Optional.empty();
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + COLUMNS + " FROM " + qualified + " ORDER BY version")) {
            List<AppliedMigration> applied = new ArrayList<>();
            while (rows.next()) {
                OffsetDateTime at = rows.getObject(5, OffsetDateTime.class);
                applied.add(new AppliedMigration(new Version(rows.getLong(1)), rows.getString(3), rows.getString(4),
                        rows.getBoolean(2), at == null ? null : at.toInstant(), rows.getLong(6), rows.getString(7)));
            }
            return Optional.of(applied);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) { // undefined_table
                return Optional.empty();
            }
            if ("42703".equals(e.getSQLState()) || "22003".equals(e.getSQLState())) { // undefined_column, range
                throw new HistoryTableException(name(), "it has the columns " + columns(connection)
                        + ", but migrate needs " + COLUMNS);
            }
            throw e;
        }
    }

    @Override
    public void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (schema != null) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema));
            }
            statement.execute("CREATE TABLE IF NOT EXISTS " + qualified + " ("
                    + "version bigint PRIMARY KEY, "
                    + "dirty boolean NOT NULL DEFAULT false, "
                    + "description text NOT NULL DEFAULT '', "
                    + "checksum text, "
                    + "applied_at timestamptz NOT NULL DEFAULT now(), "
                    + "execution_ms bigint NOT NULL DEFAULT 0, "
                    + "applied_by text NOT NULL DEFAULT current_user)");
        }
    }

    @Override
    public void save(Connection connection, AppliedMigration row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + qualified + " (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (version) DO UPDATE SET dirty = excluded.dirty, "
                + "description = excluded.description, checksum = excluded.checksum, "
                + "applied_at = excluded.applied_at, execution_ms = excluded.execution_ms, "
                + "applied_by = excluded.applied_by")) {
            statement.setLong(1, row.version().value());
            statement.setBoolean(2, row.dirty());
            statement.setString(3, row.description());
            statement.setString(4, row.checksum());
            statement.setObject(5, OffsetDateTime.ofInstant(row.appliedAt(), ZoneOffset.UTC));
            statement.setLong(6, row.executionMs());
            statement.setString(7, row.appliedBy());
            statement.executeUpdate();
        }
    }

    @Override
    public void remove(Connection connection, Version version) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + qualified
                + " WHERE version = ?")) {
            statement.setLong(1, version.value());
            statement.executeUpdate();
        }
    }

    private boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, qualified);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private String columns(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT string_agg(attname, ', ' ORDER BY attnum) FROM pg_attribute "
                        + "WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped")) {
            statement.setString(1, qualified);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : "(unknown)";
            }
        }
    }
}
