package dev.migrate.internal.run;

import dev.migrate.DatabaseAccessException;
import dev.migrate.internal.Durations;
import dev.migrate.internal.ProgressLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Waiting for a database that is not up yet, as compose and Kubernetes start the application and the database
 * together: a connection that fails because the server cannot be reached or is still starting (SQLSTATE class 08,
 * 57P03, 53300) is tried again after a pause that doubles from one second up to {@code maxInterval}, up to
 * {@code retries} more times and, when a {@code timeout} is set, no longer than that in all. Each failed attempt is
 * logged. Bad credentials or an unknown database are not waited for: they do not fix themselves.
 *
 * @param timeout zero for none
 */
public record DatabaseWait(int retries, Duration maxInterval, Duration timeout) {

    static final DatabaseWait NONE = new DatabaseWait(0, Duration.ofSeconds(120), Duration.ZERO);

    public DatabaseWait {
        if (retries < 0) {
            throw new IllegalArgumentException("connect retries must be zero or more, was " + retries);
        }
        if (maxInterval == null || maxInterval.isNegative() || maxInterval.isZero()) {
            throw new IllegalArgumentException("the connect retries interval must be positive, was " + maxInterval);
        }
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("the connect retries timeout must be zero or more, was " + timeout);
        }
    }

    public static DatabaseWait of(int retries, Duration maxInterval, Duration timeout) {
        return new DatabaseWait(retries, maxInterval, timeout);
    }

    /** A connection from {@code dataSource}, once the database answers. */
    Connection connect(DataSource dataSource) {
        long started = System.nanoTime();
        Duration pause = Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            try {
                return dataSource.getConnection();
            } catch (SQLException | RuntimeException e) {
                SQLException cause = sqlCause(e);
                Duration waited = Duration.ofNanos(System.nanoTime() - started);
                Duration left = timeout.isZero() ? pause : timeout.minus(waited);
                if (cause == null || !notUpYet(cause) || attempt > retries || left.isNegative() || left.isZero()) {
                    if (cause == null) {
                        throw (RuntimeException) e;
                    }
                    throw DatabaseAccessException.connecting(cause);
                }
                Duration sleep = pause.compareTo(left) < 0 ? pause : left;
                ProgressLog.LOG.warn("the database is not reachable yet: {}{}; trying again in {} ({})",
                        firstLine(cause.getMessage()), cause.getSQLState() == null ? ""
                                : " (SQLSTATE " + cause.getSQLState() + ")", Durations.format(sleep), next(attempt));
                sleep(sleep);
                pause = pause.multipliedBy(2).compareTo(maxInterval) > 0 ? maxInterval : pause.multipliedBy(2);
            }
        }
    }

    private String next(int attempt) {
        String of = retries == Integer.MAX_VALUE ? "" : " of " + (retries + 1);
        return "attempt " + (attempt + 1) + of + (timeout.isZero() ? "" : ", for at most " + Durations.format(timeout));
    }

    /** A pool may wrap the driver's exception in one of its own (HikariCP's PoolInitializationException). */
    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static boolean notUpYet(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || state != null && (state.startsWith("08") || state.equals("57P03") || state.equals("53300"));
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }
}
