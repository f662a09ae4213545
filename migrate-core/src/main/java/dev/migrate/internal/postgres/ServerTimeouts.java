package dev.migrate.internal.postgres;

import dev.migrate.SqlError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Says which server setting cancelled a statement, and where it is set: a {@code statement_timeout} or
 * {@code lock_timeout} given to the role, the database or the connection ends a migration that nothing in its
 * script got wrong, and "fix the script" would send the operator the wrong way.
 */
public final class ServerTimeouts {

    private ServerTimeouts() {
    }

    /**
     * The setting that cancelled the failed statement, its value and source, and the way out; empty for others.
     * Outside a transaction, an index a cancelled CREATE INDEX CONCURRENTLY left invalid is named too.
     */
    public static Optional<String> explain(Connection connection, SqlError error, boolean outsideTransaction,
            String script) {
        String setting = "57014".equals(error.sqlState()) && error.message().contains("statement timeout")
                ? "statement_timeout" : "55P03".equals(error.sqlState()) && error.message().contains("lock timeout")
                        ? "lock_timeout" : null;
        if (setting == null) {
            return Optional.empty();
        }
        String directive = setting.equals("statement_timeout") ? "statement-timeout" : "lock-timeout";
        String invalid = outsideTransaction ? invalidIndexes(connection) : "";
        String left = invalid.isEmpty() ? "" : "A cancelled CREATE INDEX CONCURRENTLY leaves its index behind, invalid: "
                + invalid + "; drop it (DROP INDEX CONCURRENTLY) before the migration runs again. ";
        Optional<String> own = dev.migrate.internal.sql.Directives.value(script, directive);
        if (own.isPresent()) {
            return Optional.of(left + "The server cancelled the statement after the script's own " + directive + " of "
                    + own.get() + " ('-- migrate:" + directive + " " + own.get() + "'). Give it the time it needs "
                    + "there, then run the migrations again.");
        }
        String value = "?";
        String source = "";
        try (PreparedStatement statement = connection.prepareStatement("SELECT setting || coalesce(unit, ''), source "
                + "FROM pg_catalog.pg_settings WHERE name = ?")) {
            statement.setString(1, setting);
            try (ResultSet row = statement.executeQuery()) {
                if (row.next()) {
                    value = row.getString(1);
                    source = row.getString(2);
                }
            }
        } catch (SQLException e) {
            // the connection went with the statement: the setting is still named, without where it comes from
        }
        return Optional.of(left + "The server cancelled the statement after " + setting + " = " + value + ", " + where(source,
                setting) + ", not for anything the script got wrong. Give migrations the time they need: a '-- migrate:"
                + directive + " 30min' line in the script, or " + (setting.equals("statement_timeout")
                        ? "-statement-timeout 0 (database.migrations.statement-timeout)" : "a longer lock_timeout for "
                                + "the role that migrates") + "; then run the migrations again.");
    }

    /** The invalid indexes of the database, as a list; empty when there are none or they cannot be read. */
    private static String invalidIndexes(Connection connection) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT coalesce(string_agg("
                + "indexrelid::regclass::text, ', ' ORDER BY 1), '') FROM pg_catalog.pg_index WHERE NOT indisvalid");
             ResultSet row = statement.executeQuery()) {
            return row.next() ? row.getString(1) : "";
        } catch (SQLException e) {
            return "";
        }
    }

    /** Where a setting's value comes from, as pg_settings' source says it, in words an operator acts on. */
    private static String where(String source, String setting) {
        return switch (source) {
            case "user" -> "set for the role (ALTER ROLE ... SET " + setting + ")";
            case "database" -> "set for the database (ALTER DATABASE ... SET " + setting + ")";
            case "database user" -> "set for the role in this database (ALTER ROLE ... IN DATABASE ... SET " + setting
                    + ")";
            case "client" -> "set by the connection (migrate's -statement-timeout, or the URL's options)";
            case "session" -> "set in the session (the init SQL, or a SET in a script)";
            case "configuration file" -> "set in the server's configuration (postgresql.conf)";
            case "default" -> "the server's default";
            default -> source.isEmpty() ? "set outside the script" : "set by " + source;
        };
    }
}
