package dev.migrate.internal.postgres;

import dev.migrate.Version;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Changes to an existing history table's shape, each keeping every row: another tool's table extended into
 * migrate's, migrate's columns moved out of a script's way, the version column widened to text. Each runs in the
 * caller's transaction, under the migration lock, and looks at the table again afterwards.
 */
public final class HistoryUpgrade {

    private final HistoryTable table;

    HistoryUpgrade(HistoryTable table) {
        this.table = table;
    }

    /**
     * Extends golang-migrate's or dbmate's table into migrate's, keeping its name, its rows, and every column as it
     * is (dbmate's versions stay text): migrate's columns are added, each with a default, so that the tool's own
     * inserts still work; the caller then writes the adopted rows over the tool's. A table that is no longer of
     * either shape is refused. Runs in the caller's transaction, under the lock.
     */
    public void extendInPlace(Connection connection) throws SQLException {
        HistoryShape shape = table.inspect(connection);
        if (shape != HistoryShape.GOLANG_MIGRATE && shape != HistoryShape.DBMATE) {
            throw table.notOurs();
        }
        HistoryColumns before = table.columns();
        try (Statement statement = connection.createStatement()) {
            if (shape == HistoryShape.DBMATE) {
                statement.execute("ALTER TABLE " + table.sqlName()
                        + " ADD COLUMN dirty boolean NOT NULL DEFAULT false");
            }
            for (Map.Entry<String, String> column : HistoryColumns.METADATA.entrySet()) {
                statement.execute("ALTER TABLE " + table.sqlName() + " ADD COLUMN "
                        + Identifiers.quote(before.nameToAdd(column.getKey())) + " " + column.getValue());
            }
        }
        table.inspect(connection);
    }

    /** Whether {@code sql} holds {@code name} in any case, without a lower-cased copy of a script that may be large. */
    private static boolean mentions(String sql, String name) {
        char lower = Character.toLowerCase(name.charAt(0));
        char upper = Character.toUpperCase(name.charAt(0));
        for (int at = 0; at + name.length() <= sql.length(); at++) {
            char c = sql.charAt(at);
            if ((c == lower || c == upper) && sql.regionMatches(true, at, name, 0, name.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Moves migrate's metadata columns out of the way of a script that adds a column of the same name to this
     * table, as scripts written for golang-migrate's two-column table may. Runs in the script's transaction.
     */
    public void makeRoomFor(Connection connection, String sql) throws SQLException {
        for (String column : inTheWayOf(sql)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE " + table.sqlName() + " RENAME COLUMN " + Identifiers.quote(column)
                        + " TO " + Identifiers.quote(HistoryColumns.PREFIX + column));
            }
            table.inspect(connection);
        }
    }

    /** migrate's columns, not yet moved, that {@code sql} adds to this table under their own names. */
    List<String> inTheWayOf(String sql) {
        if (!mentions(sql, table.tableName())) {
            return List.of();
        }
        return HistoryColumns.METADATA.keySet().stream()
                .filter(column -> table.columns().name(column).equals(column) && adds(column).matcher(sql).find())
                .toList();
    }

    /** ALTER TABLE of this table adding {@code column}. */
    private Pattern adds(String column) {
        return Pattern.compile("(?is)alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?[\\w\".]*"
                + Pattern.quote(table.tableName()) + "\"?\\s+.*?add\\s+(?:column\\s+)?(?:if\\s+not\\s+exists\\s+)?\"?"
                + column + "\"?\\b");
    }

    /**
     * Turns the {@code bigint} version column into {@code text} when a version that it cannot hold is to be
     * written (a Flyway folder's 1.1, or a number above 2^63 - 1): every row is kept, each number as its digits.
     * Until then the table stays as earlier releases made it, readable and writable by them and ordered by
     * {@code ORDER BY version} in users' own queries. Runs in the caller's transaction, under the migration lock.
     */
    void widenVersionFor(Connection connection, Version version) throws SQLException {
        if (version.asLong().isPresent() || !table.columns().holdsWholeVersionsOnly()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + table.sqlName()
                    + " ALTER COLUMN version TYPE text USING version::text");
        }
        table.inspect(connection);
    }
}
