package dev.migrate.internal.run;

import dev.migrate.internal.ProgressLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * Runs work in one transaction on a connection that is otherwise in autocommit: a script with its history row,
 * or history changes that run no script (force, baseline, adoption). All of it commits, or none of it.
 */
final class Transaction {

    /** Work done in the transaction; {@code E} is what it throws besides the driver's exceptions. */
    interface Work<T, E extends Exception> {
        T run() throws SQLException, E;
    }

    private Transaction() {
    }

    /** Runs {@code work} and commits; a failed commit is thrown as it is. */
    static <T> T run(Connection connection, Work<T, SQLException> work) throws SQLException {
        return run(connection, work, e -> e);
    }

    /**
     * Runs {@code work} and commits; a failed commit is thrown as {@code commitFailure} makes it (deferred
     * constraints fail at commit, and that is the script's fault, not the connection's).
     */
    static <T, E extends Exception> T run(Connection connection, Work<T, E> work,
            Function<SQLException, E> commitFailure) throws SQLException, E {
        connection.setAutoCommit(false);
        T result;
        try {
            result = work.run();
            try {
                connection.commit();
            } catch (SQLException e) {
                throw commitFailure.apply(e);
            }
        } catch (Throwable failure) {
            rollbackQuietly(connection);
            throw failure;
        }
        connection.setAutoCommit(true);
        return result;
    }

    /**
     * Rolls back without hiding the failure that led here. Autocommit is restored only after a rollback that
     * worked: turning it on inside a transaction would commit the very work being discarded.
     */
    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // Said without a stack trace: the failure that led here is reported next, and it is the one that counts.
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                ProgressLog.LOG.warn("could not roll back: the connection is gone ({}); whether a COMMIT already sent "
                        + "went through is unknown", e.getMessage());
            } else {
                ProgressLog.LOG.warn("could not roll back ({}); the connection is closed without a commit, which "
                        + "discards the transaction", e.getMessage());
            }
        }
    }
}
