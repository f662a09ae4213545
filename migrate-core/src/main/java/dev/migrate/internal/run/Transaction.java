package dev.migrate.internal.run;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs history changes that run no script in one transaction, and leaves the connection in autocommit. */
final class Transaction {

    /** Work on the history, in the caller's transaction. */
    interface Work<T> {
        T run() throws SQLException;
    }

    private Transaction() {
    }

    static <T> T run(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
