package dev.migrate.internal.run;

import dev.migrate.DatabaseAccessException;
import dev.migrate.internal.postgres.ServerPrepares;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The run's connections, and the one place where a driver's {@link SQLException} becomes a
 * {@link DatabaseAccessException} naming what was being done.
 */
final class Connections {

    /** Work on one connection of the run. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Driver work whose failure is reported as an action ("read the history table ..."). */
    interface Call<T> {
        T run() throws SQLException;
    }

    private Connections() {
    }

    /**
     * Runs {@code work} on a connection of its own, in autocommit and without server-side prepares, closed
     * afterwards; a failure to connect is told apart from a failure to {@code action}.
     */
    static <T> T connected(DataSource dataSource, String action, Work<T> work) {
        return connected(dataSource, DatabaseWait.NONE, action, work);
    }

    /** As {@link #connected(DataSource, String, Work)}, the first connection waited for as {@code wait} says. */
    static <T> T connected(DataSource dataSource, DatabaseWait wait, String action, Work<T> work) {
        Connection connection = wait.connect(dataSource);
        ServerPrepares.Restore prepares = call(action, () -> {
            try {
                connection.setAutoCommit(true);
                return ServerPrepares.off(connection);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        });
        return call(action, () -> {
            try (connection) {
                try {
                    return work.run(connection);
                } finally {
                    // A pooled connection goes back to the application as it came.
                    prepares.restore();
                }
            }
        });
    }

    static <T> T call(String action, Call<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new DatabaseAccessException(action, e);
        }
    }
}
