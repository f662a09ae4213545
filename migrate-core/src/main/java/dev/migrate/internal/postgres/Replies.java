package dev.migrate.internal.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * How long the engine waits for the server's reply to a statement of its own (a history read or write, a COMMIT, a
 * question to the lock's session) before it takes the connection for lost. A reply a network dropped without a word
 * would otherwise be waited for until TCP keepalives noticed, hours by default, with the lock held all along. A
 * migration's own script may run for hours: while one runs, the bound is lifted.
 */
public final class Replies {

    private static final Executor DIRECT = Runnable::run;

    /** What a work on a connection does. */
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private Replies() {
    }

    /**
     * Bounds the wait for each reply on this connection.
     *
     * @return the bound it had, in milliseconds (0 for none), for {@link #restore}; -1 when the driver cannot say
     */
    public static int bound(Connection connection, Duration bound) {
        try {
            int before = connection.getNetworkTimeout();
            connection.setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, bound.toMillis()));
            return before;
        } catch (SQLException | UnsupportedOperationException e) {
            return -1; // a driver without network timeouts: waits are as the driver makes them
        }
    }

    /** Gives the connection back the bound it had before {@link #bound}. */
    public static void restore(Connection connection, int before) {
        if (before < 0) {
            return;
        }
        try {
            connection.setNetworkTimeout(DIRECT, before);
        } catch (SQLException | UnsupportedOperationException e) {
            // a connection that went: nothing to give back
        }
    }

    /** Runs a script's work with no bound on the wait for its reply, then restores the bound. */
    public static <T, E extends Exception> T unbounded(Connection connection, Work<T, E> work) throws E {
        int before = bound(connection, Duration.ZERO);
        try {
            return work.run();
        } finally {
            if (before > 0) {
                restore(connection, before);
            }
        }
    }
}
