package dev.migrate.internal.postgres;

import dev.migrate.LockLostException;
import dev.migrate.internal.ProgressLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The migration lock while held: its session is asked whether it still holds the lock and whom the run's session
 * waits for, and closing it lets go, falling back to ending the session so that the server drops the lock.
 */
final class HeldLock implements AdvisoryLock.Lease {

    private static final Logger log = ProgressLog.LOG;
    private static final int RELEASE_ATTEMPTS = 5;

    private final long key;
    private final String description;
    private final Connection connection;
    private final Duration waited;
    private final int pid;
    private final ServerPrepares.Restore prepares;
    /** What ended the session, when a question of the watcher's met it. */
    private volatile SQLException ended;

    HeldLock(Connection connection, long key, String description, Duration waited, int pid,
            ServerPrepares.Restore prepares) {
        this.connection = connection;
        this.key = key;
        this.description = description;
        this.waited = waited;
        this.pid = pid;
        this.prepares = prepares;
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public boolean releasedIfShared(Connection other) throws SQLException {
        try (PreparedStatement statement = other.prepareStatement(
                "SELECT CASE WHEN pg_backend_pid() = ? THEN pg_advisory_unlock(?) ELSE false END")) {
            statement.setInt(1, pid);
            statement.setLong(2, key);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    @Override
    public Duration waited() {
        return waited;
    }

    @Override
    public String description() {
        return description;
    }

    /**
     * The sessions that block the session {@code pid} right now ({@code pg_blocking_pids}), each described for
     * a log line: pid, application, state, how long its transaction has been open, its query's first line.
     * Asked on the lock's own connection while the run's connection waits; callers keep it from running at
     * the same time as {@link #lost()}.
     */
    @Override
    public List<String> blockersOf(int pid) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pid, coalesce(application_name, ''), "
                + "coalesce(state, ''), coalesce(extract(epoch FROM now() - xact_start)::bigint, 0), "
                + "coalesce(query, '') FROM pg_stat_activity WHERE pid = ANY (pg_blocking_pids(?))")) {
            statement.setInt(1, pid);
            List<String> blockers = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    String query = row.getString(5).strip();
                    int newline = query.indexOf('\n');
                    blockers.add("pid " + row.getInt(1) + " (application '" + row.getString(2) + "', "
                            + row.getString(3) + ", transaction open " + row.getLong(4) + " s: "
                            + (newline < 0 ? query : query.substring(0, newline) + " ...") + ")");
                }
            }
            return blockers;
        } catch (SQLException e) {
            ended = e;
            return List.of();
        }
    }

    @Override
    public Optional<String> lost() {
        try (PreparedStatement statement = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks "
                + "WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND pid = pg_backend_pid() "
                + "AND classid::bigint = ? AND objid::bigint = ?)")) {
            statement.setLong(1, key >>> 32);
            statement.setLong(2, key & 0xFFFF_FFFFL);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1) ? Optional.empty()
                        : Optional.of(LockLostException.SESSION_MOVED);
            }
        } catch (SQLException e) {
            // The watcher's question may have met the session's end first: pgjdbc then only says it is closed.
            SQLException cause = ended != null && "08003".equals(e.getSQLState()) ? ended : e;
            return Optional.of("its session ended (" + cause.getMessage()
                    + (cause.getSQLState() == null ? "" : ", SQLSTATE " + cause.getSQLState()) + ")");
        }
    }

    /**
     * Unlocks, then closes. A pooled connection outlives close(), and its session would keep the lock, so
     * when unlocking fails the connection is aborted: the session ends and the server drops the lock.
     */
    @Override
    public void close() {
        boolean released = false;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, key);
            // Behind a pooler that moved this connection to another server session, the unlock only works in
            // the session that took the lock, which the pooler hands back often but not always: try a few times.
            for (int attempt = 0; attempt < RELEASE_ATTEMPTS && !released; attempt++) {
                try (ResultSet row = statement.executeQuery()) {
                    released = row.next() && row.getBoolean(1);
                }
            }
        } catch (SQLException e) {
            // Usually the session has already ended, and the server released the lock with it.
            log.warn("could not release the migration lock ({}): {}; ending its session instead", description,
                    e.getMessage());
        }
        if (!released) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                log.warn("could not end the session holding the migration lock ({})", description, e);
            }
        }
        if (released) {
            // A pooled connection goes back to the application as it came.
            prepares.restore();
        }
        AdvisoryLock.closeQuietly(connection);
    }
}
