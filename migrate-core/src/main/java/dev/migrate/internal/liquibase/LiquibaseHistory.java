package dev.migrate.internal.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Liquibase's history in PostgreSQL, read and never written here: {@code databasechangelog}, a row per changeset
 * run (its {@code exectype} {@code EXECUTED}, {@code RERAN}, {@code MARK_RAN}, or {@code FAILED} for one whose
 * {@code failOnError} is false: each means Liquibase will not run it again, unless it runs always or on change),
 * and {@code databasechangeloglock}, whose one row a running Liquibase holds.
 */
public final class LiquibaseHistory {

    /** One row of {@code databasechangelog}; {@code tool} is its {@code liquibase} column (Liquibase's version). */
    public record Ran(String id, String author, String path, Timestamp executed, int order, String execType,
            Optional<String> checksum, Optional<String> tag, String tool) {

        /** Whether Liquibase ran it, not migrate. */
        public boolean byLiquibase() {
            return !"migrate".equals(tool);
        }

        /** The key Liquibase finds a changeset's row by, its path normalised as Liquibase does. */
        public String key() {
            return LiquibasePaths.normalize(path) + "::" + id + "::" + author;
        }
    }

    private LiquibaseHistory() {
    }

    /** Whether {@code schema} holds Liquibase's history table. */
    public static boolean present(Connection connection, String schema) throws SQLException {
        return exists(connection, schema, "databasechangelog");
    }

    /** Every row, in the order Liquibase ran them. */
    public static List<Ran> read(Connection connection, String schema) throws SQLException {
        List<Ran> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT id, author, filename, dateexecuted, "
                + "orderexecuted, exectype, md5sum, tag, liquibase FROM " + LiquibaseTables.quote(schema) + ".databasechangelog "
                + "ORDER BY dateexecuted, orderexecuted");
             ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                rows.add(new Ran(row.getString(1), row.getString(2), row.getString(3), row.getTimestamp(4),
                        row.getInt(5), row.getString(6), Optional.ofNullable(row.getString(7)),
                        Optional.ofNullable(row.getString(8)), row.getString(9)));
            }
        }
        return rows;
    }

    /**
     * A table of {@code schema} with the columns of Liquibase's history but another name (Liquibase's
     * {@code databaseChangeLogTableName}), if there is one; never {@code databasechangelog} itself, which a run
     * started at the same time may have just created.
     */
    public static Optional<String> underAnotherName(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.relname FROM pg_catalog.pg_class c "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN pg_catalog.pg_attribute a ON "
                + "a.attrelid = c.oid AND NOT a.attisdropped WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND "
                + "c.relname <> 'databasechangelog' AND "
                + "lower(a.attname) IN ('id', 'author', 'filename', 'dateexecuted', 'orderexecuted', 'exectype', "
                + "'md5sum', 'deployment_id') GROUP BY c.relname HAVING count(*) = 8 ORDER BY c.relname LIMIT 1")) {
            statement.setString(1, schema);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    /** Who holds Liquibase's lock and since when, as its row says; empty when it is free or there is no table. */
    public static Optional<String> lockedBy(Connection connection, String schema) throws SQLException {
        if (!exists(connection, schema, "databasechangeloglock")) {
            return Optional.empty();
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT lockedby, lockgranted FROM "
                + LiquibaseTables.quote(schema) + ".databasechangeloglock WHERE locked");
             ResultSet row = statement.executeQuery()) {
            return row.next() ? Optional.of((row.getString(1) == null ? "an unnamed Liquibase" : row.getString(1))
                    + " since " + row.getTimestamp(2)) : Optional.empty();
        }
    }

    /** Whether {@code schema} holds {@code table}. */
    static boolean exists(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, LiquibaseTables.quote(schema) + "." + table);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
