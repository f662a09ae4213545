package dev.migrate.internal.postgres;

import dev.migrate.DatabaseAccessException;
import dev.migrate.LockHolder;
import dev.migrate.LockTimeoutException;
import dev.migrate.MigrationListener;
import dev.migrate.internal.Digests;
import dev.migrate.internal.ProgressLog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;

/**
 * A session-level advisory lock, held on a connection of its own that never opens a transaction.
 *
 * <p>It polls {@code pg_try_advisory_lock} with backoff (25 ms doubling to 1 s, with jitter) instead of
 * blocking in {@code pg_advisory_lock}: a session blocked there sits in an open transaction, and
 * {@code CREATE INDEX CONCURRENTLY} run by the holder waits for that transaction, so both would wait forever
 * (golang-migrate#960, flyway#1654). While it waits it logs who holds the lock.
 */
public final class AdvisoryLock {

    private static final Logger log = ProgressLog.LOG;
    private static final long FIRST_BACKOFF_MS = 25;
    private static final long MAX_BACKOFF_MS = 1000;
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final long key;
    private final String description;
    private final MigrationListener listener;
    private final Duration replyTimeout;

    /**
     * @param replyTimeout how long the lock's session waits for a reply ({@link Replies}): all its statements are
     *     short
     */
    public AdvisoryLock(DataSource dataSource, long key, String description, MigrationListener listener,
            Duration replyTimeout) {
        this.replyTimeout = replyTimeout;
        this.dataSource = dataSource;
        this.key = key;
        this.description = description;
        this.listener = listener;
    }

    /**
     * The lock of one history table: its key from the connection's database and the table's schema and name,
     * its description naming all three for messages.
     *
     * @param schema the history table's schema, or {@code null} for the search_path
     */
    public static AdvisoryLock forHistory(DataSource dataSource, Connection connection, String schema, String table,
            MigrationListener listener, Duration replyTimeout) throws SQLException {
        String database = connection.getCatalog();
        long key = key(database, schema, table);
        return new AdvisoryLock(dataSource, key, "advisory lock " + key + " for "
                + (schema == null ? table : schema + "." + table) + " in database " + database, listener,
                replyTimeout);
    }

    /** The lock as messages name it. */
    public String description() {
        return description;
    }

    /** The lock key for a history table: the first 8 bytes of SHA-256 over database, schema and table. */
    public static long key(String database, String schema, String table) {
        byte[] digest = Digests.of("SHA-256").digest(
                ("dev.migrate\0" + database + "\0" + (schema == null ? "" : schema) + "\0" + table)
                        .getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest).getLong();
    }

    /**
     * Waits up to {@code timeout} for the lock.
     *
     * @throws LockTimeoutException if it is still held by another run when the timeout ends
     */
    public Lease acquire(Duration timeout) {
        long started = System.nanoTime();
        Connection connection = null;
        ServerPrepares.Restore prepares = () -> { };
        try {
            try {
                connection = dataSource.getConnection();
            } catch (SQLException e) {
                throw DatabaseAccessException.connecting(e);
            }
            connection.setAutoCommit(true);
            ServerPrepares.Restore serverPrepares = ServerPrepares.off(connection);
            Connection session = connection;
            int replies = Replies.bound(session, replyTimeout);
            // A pooled connection goes back to the application as it came: its prepares and its reply bound.
            prepares = () -> {
                Replies.restore(session, replies);
                serverPrepares.restore();
            };
            long backoff = FIRST_BACKOFF_MS;
            Duration nextReport = Duration.ZERO;
            while (true) {
                int pid = tryLock(connection);
                if (pid != 0) {
                    Duration waited = Duration.ofNanos(System.nanoTime() - started);
                    return new HeldLock(connection, key, description, waited, pid, prepares);
                }
                Duration waited = Duration.ofNanos(System.nanoTime() - started);
                if (waited.compareTo(timeout) >= 0) {
                    throw new LockTimeoutException(description, waited, holder(connection));
                }
                if (waited.compareTo(nextReport) >= 0) {
                    report(connection, waited);
                    nextReport = waited.plus(REPORT_EVERY);
                }
                long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
                Thread.sleep(Math.min(jittered, Math.max(1, timeout.minus(waited).toMillis())));
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        } catch (SQLException e) {
            restoreQuietly(prepares);
            closeQuietly(connection);
            throw new DatabaseAccessException("take the migration lock (" + description + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            restoreQuietly(prepares);
            closeQuietly(connection);
            throw new LockTimeoutException(description, Duration.ofNanos(System.nanoTime() - started), Optional.empty());
        } catch (RuntimeException e) {
            restoreQuietly(prepares);
            closeQuietly(connection);
            throw e;
        }
    }

    /** Who holds the lock now, read on a connection of its own without trying to take it. */
    public Optional<LockHolder> holder() {
        try (Connection connection = dataSource.getConnection()) {
            return holder(connection);
        } catch (SQLException e) {
            throw new DatabaseAccessException("read who holds the migration lock (" + description + ")", e);
        }
    }

    /** The server session's pid when the lock was taken, read in the same statement; 0 when it was not. */
    private int tryLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT CASE WHEN pg_try_advisory_lock(?) THEN pg_backend_pid() ELSE 0 END")) {
            statement.setLong(1, key);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private void report(Connection connection, Duration waited) throws SQLException {
        Optional<LockHolder> holder = holder(connection);
        if (holder.isPresent()) {
            log.info("waiting for the migration lock ({}), held by {}", description, holder.get());
            try {
                listener.lockWaiting(holder.get(), waited);
            } catch (RuntimeException e) {
                log.warn("migration listener failed in lockWaiting", e);
            }
        }
    }

    /** Who holds the lock: a bigint advisory key shows in pg_locks as classid (high half) and objid (low half). */
    public Optional<LockHolder> holder(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT a.pid, a.application_name, host(a.client_addr), a.query_start "
                        + "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                        + "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
                        + "AND l.classid::bigint = ? AND l.objid::bigint = ? "
                        + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            statement.setLong(1, key >>> 32);
            statement.setLong(2, key & 0xFFFF_FFFFL);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                OffsetDateTime since = row.getObject(4, OffsetDateTime.class);
                return Optional.of(new LockHolder(row.getInt(1), row.getString(2), row.getString(3),
                        since == null ? null : since.toInstant()));
            }
        }
    }

    private static void restoreQuietly(ServerPrepares.Restore prepares) {
        try {
            prepares.restore();
        } catch (RuntimeException e) {
            log.debug("could not restore the lock connection's prepare setting", e);
        }
    }

    static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("could not close the lock connection", e);
            }
        }
    }

    /** A held lock; closing it lets go, and a failure to let go is logged, never thrown. */
    public interface Lease extends AutoCloseable {

        /** How long {@link #acquire} waited. */
        Duration waited();

        /**
         * Checks that the lock's session is alive and still holds the lock: a session can be terminated, time out
         * ({@code idle_session_timeout}) or lose its network while the run works on another connection.
         *
         * @return why the lock is no longer held, or empty while it is
         */
        Optional<String> lost();

        /** The lock as messages name it. */
        String description();

        /** Who blocks the server session {@code pid} right now, each described for a log line. */
        List<String> blockersOf(int pid);

        /**
         * Whether {@code other}, a connection of the same run, reaches the very server session that holds the lock:
         * then the two are not sessions of their own, as behind a pooler in transaction mode, and the lock keeps
         * nothing apart. When they are shared, the lock is released by the same statement, in that session, so that
         * it does not stay behind in the pooler's server session.
         */
        boolean releasedIfShared(Connection other) throws SQLException;

        /** The server session that took the lock. */
        int pid();

        @Override
        void close();
    }
}
