package dev.migrate.internal.run;

import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.postgres.AdvisoryLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The lock guard: every statement of a run waits at most {@code lockTimeout} for a lock, so that a migration
 * queued behind a long transaction never makes the application's own queries queue behind it. A statement that
 * did not get its lock (SQLSTATE 55P03) changed nothing: its migration's transaction is rolled back, or, without
 * a transaction, that statement alone is tried again, after a pause that doubles each time (1 s, 2 s, ... 30 s,
 * with jitter), up to {@code retries} more times. While a statement waits, a watcher on the lock's own connection
 * notes who blocks it ({@code pg_blocking_pids}), for the log and the final message.
 *
 * @param lockTimeout zero turns the guard off
 * @param statementTimeout zero for none
 */
public record LockGuard(Duration lockTimeout, int retries, Duration statementTimeout) {

    static final LockGuard OFF = new LockGuard(Duration.ZERO, 0, Duration.ZERO);

    public LockGuard {
        if (lockTimeout == null || lockTimeout.isNegative()) {
            throw new IllegalArgumentException("the statement lock timeout must be zero or more, was " + lockTimeout);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("lock retries must be zero or more, was " + retries);
        }
        if (statementTimeout == null || statementTimeout.isNegative()) {
            throw new IllegalArgumentException("the statement timeout must be zero or more, was " + statementTimeout);
        }
    }

    public static LockGuard of(Duration lockTimeout, int retries, Duration statementTimeout) {
        return new LockGuard(lockTimeout, retries, statementTimeout);
    }

    static final String LOCK_NOT_AVAILABLE = "55P03";

    boolean on() {
        return !lockTimeout.isZero();
    }

    /** Sets the session's timeouts for the run: one statement, only for a run that has work to do. */
    void apply(Connection connection) throws SQLException {
        if (!on() && statementTimeout.isZero()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(settings(false));
        }
    }

    /** Sets the run's timeouts again after a script without a transaction set its own. */
    void reapply(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(settings(true));
        }
    }

    /** The SET statements of the run's timeouts; with {@code resetTheRest}, a RESET of each that is off. */
    private String settings(boolean resetTheRest) {
        String lock = on() ? "SET lock_timeout = '" + lockTimeout.toMillis() + "ms'; "
                : resetTheRest ? "RESET lock_timeout; " : "";
        String statement = !statementTimeout.isZero() ? "SET statement_timeout = '" + statementTimeout.toMillis() + "ms'"
                : resetTheRest ? "RESET statement_timeout" : "";
        return lock + statement;
    }

    /** Puts the session's timeouts back as they were before {@link #apply}, before the connection goes back. */
    void reset(Connection connection) {
        if (!on() && statementTimeout.isZero()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("RESET lock_timeout; RESET statement_timeout");
        } catch (SQLException e) {
            ProgressLog.LOG.warn("could not reset lock_timeout and statement_timeout: {}", e.getMessage());
        }
    }

    /** Whether a failure with {@code sqlState} on attempt {@code attempt} (from 1) is tried again. */
    boolean retries(String sqlState, int attempt) {
        return on() && LOCK_NOT_AVAILABLE.equals(sqlState) && attempt <= retries;
    }

    /** Logs the blockers and waits before attempt {@code attempt + 1}. */
    void pause(String what, int attempt, List<String> blockers) {
        long base = Math.min(30_000, 1_000L << Math.min(attempt - 1, 5));
        long millis = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        ProgressLog.LOG.warn("{} did not get a lock within {} ms (attempt {} of {}), blocked by {}; trying again in "
                + "{} ms", what, lockTimeout.toMillis(), attempt, retries + 1, describe(blockers), millis);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String describe(List<String> blockers) {
        return blockers.isEmpty() ? "a session that had ended by the time it was looked for"
                : String.join("; ", blockers);
    }

    /** The watcher for one run, on the lock's connection; nothing is started while the guard is off. */
    BlockerWatch watch(AdvisoryLock.Lease lease, Connection connection) {
        return on() ? BlockerWatch.start(lease, connection, Math.max(50, lockTimeout.toMillis() / 3))
                : BlockerWatch.idle(lease);
    }
}
