package dev.migrate.internal.run;

import dev.migrate.internal.ProgressLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A schema put first on the search_path while a run's migrations execute ({@code MigratorBuilder.searchPath}), what
 * was there staying after it, and the path as it was put back afterwards. Set only once the run has work to do and
 * holds the lock: a run with nothing to do sends nothing for it.
 */
final class SearchPath {

    private SearchPath() {
    }

    /** Puts {@code schema} first; returns the path as it was, for {@link #restore}. */
    static String putFirst(Connection connection, String schema) throws SQLException {
        // coalesce and nullif are SQL's own syntax, not functions in pg_catalog
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_catalog.current_setting("
                + "'search_path'), pg_catalog.set_config('search_path', pg_catalog.quote_ident(?) || coalesce(', ' "
                + "|| nullif(pg_catalog.current_setting('search_path'), ''), ''), false)")) {
            statement.setString(1, schema);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    /** Puts back the path {@link #putFirst} found; a failure is logged, never thrown over the run's own outcome. */
    static void restore(Connection connection, String previous) {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_catalog.set_config('search_path', ?, false)")) {
            statement.setString(1, previous);
            statement.executeQuery().close();
        } catch (SQLException e) {
            ProgressLog.LOG.warn("could not put the search_path back to '{}': {}", previous, e.getMessage());
        }
    }
}
